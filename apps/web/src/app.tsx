import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/require-session';
import { AppShell } from './layout/app-shell';
import { LoginScreen } from './screens/auth/login-screen';
import { SetupScreen } from './screens/auth/setup-screen';
import { BuilderScreen } from './screens/builder/builder-screen';
import { CampaignsScreen } from './screens/campaigns/campaigns-screen';
import { ContactDetailScreen } from './screens/contacts/contact-detail-screen';
import { ContactsScreen } from './screens/contacts/contacts-screen';
import { DeliveriesScreen } from './screens/deliveries/deliveries-screen';
import { DeliveryDetailScreen } from './screens/deliveries/delivery-detail-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { AccountSection } from './screens/settings/account-section';
import { ApiKeysSection } from './screens/settings/api-keys-section';
import { CustomFieldsSection } from './screens/settings/custom-fields-section';
import { EventHooksSection } from './screens/settings/event-hooks-section';
import { RequireScope } from './screens/settings/require-scope';
import { SettingsIndexRedirect, SettingsScreen } from './screens/settings/settings-screen';
import { UsersSection } from './screens/settings/users-section';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginScreen />} />
      <Route path="/setup" element={<SetupScreen />} />
      <Route element={<RequireSession />}>
        {/* The builder takes the whole window: the canvas needs the room more than the sidebar does. */}
        <Route path="campaigns/:campaignId" element={<BuilderScreen />} />
        <Route element={<AppShell />}>
          <Route index element={<Navigate to="/campaigns" replace />} />
          <Route path="campaigns" element={<CampaignsScreen />} />
          <Route path="contacts" element={<ContactsScreen />} />
          <Route path="contacts/:contactId" element={<ContactDetailScreen />} />
          <Route path="deliveries" element={<DeliveriesScreen />} />
          <Route path="deliveries/:deliveryId" element={<DeliveryDetailScreen />} />
          <Route path="settings" element={<SettingsScreen />}>
            <Route index element={<SettingsIndexRedirect />} />
            <Route
              path="api-keys"
              element={
                <RequireScope scope="admin">
                  <ApiKeysSection />
                </RequireScope>
              }
            />
            <Route
              path="users"
              element={
                <RequireScope scope="admin">
                  <UsersSection />
                </RequireScope>
              }
            />
            <Route
              path="hooks"
              element={
                <RequireScope scope="hooks:read">
                  <EventHooksSection />
                </RequireScope>
              }
            />
            <Route path="fields" element={<CustomFieldsSection />} />
            <Route path="account" element={<AccountSection />} />
          </Route>
          <Route path="*" element={<NotFoundScreen />} />
        </Route>
      </Route>
    </Routes>
  );
}
