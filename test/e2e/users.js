// The users of the signed-in browser tests' server, one per role.
export const E2E_USERS = [
	{ email: 'viewer@example.com', role: 'viewer', password: 'viewer password 1' },
	{ email: 'analyst@example.com', role: 'analyst', password: 'analyst password 1' },
	{ email: 'admin@example.com', role: 'admin', password: 'admin password 1' }
];
