import { ApiKey } from '../auth/api-key.entity';
import { Session } from '../auth/session.entity';
import { Membership } from '../tenancy/membership.entity';
import { User } from '../tenancy/user.entity';
import { Workspace } from '../tenancy/workspace.entity';
import { Contact } from '../contacts/contact.entity';
import { Field } from '../contacts/field.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignRevision } from '../campaigns/campaign-revision.entity';

/** Every entity, listed explicitly: the apps are bundled, so globs cannot find them. */
export const ENTITIES = [Workspace, User, Membership, Session, ApiKey, Field, Contact, Campaign, CampaignRevision];
