import type { OrgView } from '../backend/port.ts';

/** The org as a signed-in member sees it: what every page below the sign-in form receives. */
export type SignedInView = OrgView & { me: NonNullable<OrgView['me']> };

/** What the admin console's tabs receive: the same view, named for where it is used. */
export type AdminView = SignedInView;
