import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireSession } from './auth/require-session';
import { FullPageLoading } from './components/full-page-state';
import { AppShell } from './layout/app-shell';
import { lazyScreen } from './lazy-screen';
import { LoginScreen } from './screens/auth/login-screen';
import { BuilderScreen } from './screens/builder/builder-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { RequireScope } from './screens/settings/require-scope';
import { SettingsIndexRedirect, SettingsScreen } from './screens/settings/settings-screen';

const SetupScreen = lazyScreen(() => import('./screens/auth/setup-screen'), 'SetupScreen');
const CampaignsScreen = lazyScreen(
  () => import('./screens/campaigns/campaigns-screen'),
  'CampaignsScreen',
);
const ContactsScreen = lazyScreen(
  () => import('./screens/contacts/contacts-screen'),
  'ContactsScreen',
);
const ContactDetailScreen = lazyScreen(
  () => import('./screens/contacts/contact-detail-screen'),
  'ContactDetailScreen',
);
const DeliveriesScreen = lazyScreen(
  () => import('./screens/deliveries/deliveries-screen'),
  'DeliveriesScreen',
);
const DeliveryDetailScreen = lazyScreen(
  () => import('./screens/deliveries/delivery-detail-screen'),
  'DeliveryDetailScreen',
);
const AccountSection = lazyScreen(
  () => import('./screens/settings/account-section'),
  'AccountSection',
);
const ApiKeysSection = lazyScreen(
  () => import('./screens/settings/api-keys-section'),
  'ApiKeysSection',
);
const CustomFieldsSection = lazyScreen(
  () => import('./screens/settings/custom-fields-section'),
  'CustomFieldsSection',
);
const EventHooksSection = lazyScreen(
  () => import('./screens/settings/event-hooks-section'),
  'EventHooksSection',
);
const UsersSection = lazyScreen(() => import('./screens/settings/users-section'), 'UsersSection');

export function App() {
  return (
    <Suspense fallback={<FullPageLoading label="Opening Tideway…" />}>
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
    </Suspense>
  );
}
