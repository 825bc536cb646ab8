import type { OrgView } from '../backend/port.ts';
import type { Member } from '../domain/member.ts';
import type { OrgConnectionState, SharedOrgConnection } from '../domain/org-connection.ts';

/** The org as a signed-in member sees it: what every page below the sign-in form receives. */
export type SignedInView = OrgView & { me: Member };

/** An admin's view: the whole org connection. What the console's tabs receive. */
export type AdminView = SignedInView & { org: OrgConnectionState };

/** A rep's view: only what a rep may see of the connection. */
export type RepView = SignedInView & { org: OrgConnectionState<SharedOrgConnection> };

/** Whoever holds the org answers an admin with the whole connection (lib/features/session/view.ts). */
export const isAdminView = (view: SignedInView): view is AdminView => view.me.role === 'admin';
