import { CreateTenancyAndAuth1764000000000 } from './migrations/1764000000000-create-tenancy-and-auth';
import { CreateContacts1764000001000 } from './migrations/1764000001000-create-contacts';
import { CreateCampaignsAndEnrollments1764000002000 } from './migrations/1764000002000-create-campaigns-and-enrollments';
import { CreateDeliveries1764000003000 } from './migrations/1764000003000-create-deliveries';
import { CreateHooks1764000004000 } from './migrations/1764000004000-create-hooks';
import { CreateInboundEndpoints1764000005000 } from './migrations/1764000005000-create-inbound-endpoints';
import { CreateJobs1796597373504 } from './migrations/1796597373504-create-jobs';
import { EnrollmentsRoomForLeases1796612400000 } from './migrations/1796612400000-enrollments-room-for-leases';
import { EnrollmentsDueByCampaign1796625600000 } from './migrations/1796625600000-enrollments-due-by-campaign';
import { DeliveriesRoomForLeases1796644800000 } from './migrations/1796644800000-deliveries-room-for-leases';

/** Every migration in order, listed explicitly: the apps are bundled, so globs cannot find them. */
export const MIGRATIONS = [
  CreateTenancyAndAuth1764000000000,
  CreateContacts1764000001000,
  CreateCampaignsAndEnrollments1764000002000,
  CreateDeliveries1764000003000,
  CreateHooks1764000004000,
  CreateInboundEndpoints1764000005000,
  CreateJobs1796597373504,
  EnrollmentsRoomForLeases1796612400000,
  EnrollmentsDueByCampaign1796625600000,
  DeliveriesRoomForLeases1796644800000,
];
