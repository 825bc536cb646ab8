/** The sandbox subscription: demo credentials, workspaces, users and roles. */

export interface SandboxCredentials {
  munchkinId: string;
  clientId: string;
  clientSecret: string;
}

// Demo values in Marketo's shapes; they open nothing but this sandbox.
export const DEMO_CREDENTIALS: SandboxCredentials = {
  munchkinId: '123-ABC-456',
  clientId: '5a1f3c2e-8b7d-4e6f-9a0b-1c2d3e4f5a6b',
  clientSecret: 'SbxDemoSecret7Qk2Lw9vYt4HmZa6UcJf',
};

/** The owner of the API-only custom service: Marketo reports it as the token's scope. */
export const API_USER = 'sia-api@sandbox.example';

export interface SandboxWorkspace {
  id: number;
  name: string;
  description: string;
  globalViz: number;
  status: string;
  currencyInfo: null;
  createdAt: string;
  updatedAt: string;
}

const workspace = (id: number, name: string, description: string): SandboxWorkspace => ({
  id,
  name,
  description,
  globalViz: 0,
  status: 'active',
  currencyInfo: null,
  createdAt: '20240910T23:08:05.0t+0000',
  updatedAt: '20240910T23:08:05.0t+0000',
});

export const DEFAULT_WORKSPACE = workspace(
  1,
  'Default',
  'Initial workspace for Marketing Activities, Design Studio, and so on.',
);

export const WORKSPACES: readonly SandboxWorkspace[] = [
  DEFAULT_WORKSPACE,
  workspace(1001, 'EMEA', 'Europe, Middle East and Africa'),
  workspace(1002, 'North America', 'United States and Canada'),
  workspace(1003, 'APAC', 'Asia and Pacific'),
];

export interface SandboxUser {
  userid: string;
  firstName: string;
  lastName: string;
  emailAddress: string;
  id: number;
  apiOnly: boolean;
}

const NAMED_USERS: ReadonlyArray<[string, string]> = [
  ['Ada', 'Lovelace'],
  ['Grace', 'Hopper'],
  ['Alan', 'Turing'],
  ['Katherine', 'Johnson'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
  ['Donald', 'Knuth'],
  ['Margaret', 'Hamilton'],
  ['Ken', 'Thompson'],
  ['Radia', 'Perlman'],
  ['Tim', 'Berners-Lee'],
  ['Frances', 'Allen'],
  ['John', 'McCarthy'],
  ['Shafi', 'Goldwasser'],
  ['Leslie', 'Lamport'],
  ['Sophie', 'Wilson'],
  ['Dennis', 'Ritchie'],
  ['Hedy', 'Lamarr'],
  ['Niklaus', 'Wirth'],
  ['Adele', 'Goldberg'],
  ['Vint', 'Cerf'],
  ['Lynn', 'Conway'],
  ['Guido', 'van Rossum'],
  ['Jean', 'Sammet'],
];

// 25 users, more than one default page of 20, so paging shows.
export const USERS: readonly SandboxUser[] = [
  { userid: API_USER, firstName: 'SIA', lastName: 'API', emailAddress: API_USER, id: 5001, apiOnly: true },
  ...NAMED_USERS.map(([firstName, lastName], i): SandboxUser => {
    const email = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '') + '@sandbox.example';
    return { userid: email, firstName, lastName, emailAddress: email, id: 6001 + i, apiOnly: false };
  }),
];

export interface SandboxRole {
  id: number;
  name: string;
  description: string;
  type: 'system' | 'custom';
  hidden: boolean;
  onlyAllZones: boolean;
  createdAt: string;
  updatedAt: string;
}

const role = (
  id: number,
  name: string,
  description: string,
  type: 'system' | 'custom',
  onlyAllZones = false,
): SandboxRole => ({
  id,
  name,
  description,
  type,
  hidden: false,
  onlyAllZones,
  createdAt: '20100327T18:27:42.0t+0000',
  updatedAt: '20180423T02:33:29.0t+0000',
});

export const ROLES: readonly SandboxRole[] = [
  role(1, 'Admin', 'All permissions', 'system', true),
  role(2, 'Standard User', 'All permissions except Admin', 'system'),
  role(101, 'Marketing User', 'All permissions except Admin', 'custom'),
  role(
    102,
    'SIA API',
    'API-only role for Sales Insight Actions: Access Users, Access User Management Api, Read-Write Person',
    'custom',
  ),
];
