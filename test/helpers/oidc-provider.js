// A stand-in OpenID Connect provider for tests: discovery, an authorization endpoint that
// signs in whoever `identity` names at once (no login form), a token endpoint that checks
// the client secret and PKCE and issues an RS256 ID token, and its key set.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Starts the provider on 127.0.0.1 (port 0: any free one); `identity` is who the next sign-in is. */
export async function startOidcProvider({ port = 0, clientId = 'deskpulse', clientSecret = 'stand-in-secret' } = {}) {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const kid = randomBytes(8).toString('hex');
	const codes = new Map();
	const provider = { issuer: '', clientId, clientSecret, identity: { sub: 'u-1', email: 'someone@example.com', email_verified: true }, server: null };

	const idToken = (claims) => {
		const head = b64url({ alg: 'RS256', typ: 'JWT', kid });
		const body = b64url(claims);
		return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
	};

	const server = createServer((req, res) => {
		const url = new URL(req.url, provider.issuer);
		const json = (status, body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		if (url.pathname === '/.well-known/openid-configuration') {
			return json(200, {
				issuer: provider.issuer,
				authorization_endpoint: `${provider.issuer}/authorize`,
				token_endpoint: `${provider.issuer}/token`,
				jwks_uri: `${provider.issuer}/jwks`,
				response_types_supported: ['code'],
				subject_types_supported: ['public'],
				id_token_signing_alg_values_supported: ['RS256'],
				code_challenge_methods_supported: ['S256'],
				token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
				scopes_supported: ['openid', 'email', 'profile']
			});
		}
		if (url.pathname === '/jwks') return json(200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
		if (url.pathname === '/test/identity' && req.method === 'POST') {
			let text = '';
			req.on('data', (c) => (text += c));
			req.on('end', () => {
				provider.identity = JSON.parse(text);
				json(200, { ok: true });
			});
			return;
		}
		if (url.pathname === '/authorize') {
			const p = url.searchParams;
			if (p.get('client_id') !== clientId || p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request' });
			const code = randomBytes(16).toString('hex');
			codes.set(code, { identity: provider.identity, nonce: p.get('nonce'), challenge: p.get('code_challenge'), redirectUri: p.get('redirect_uri') });
			const back = new URL(p.get('redirect_uri'));
			back.searchParams.set('code', code);
			if (p.get('state')) back.searchParams.set('state', p.get('state'));
			back.searchParams.set('iss', provider.issuer);
			res.writeHead(302, { location: back.href });
			return res.end();
		}
		if (url.pathname === '/token' && req.method === 'POST') {
			let text = '';
			req.on('data', (c) => (text += c));
			req.on('end', () => {
				const form = new URLSearchParams(text);
				const grant = codes.get(form.get('code'));
				codes.delete(form.get('code'));
				if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) return json(401, { error: 'invalid_client' });
				const verifier = form.get('code_verifier') ?? '';
				if (!grant || grant.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
					return json(400, { error: 'invalid_grant' });
				}
				const now = Math.floor(Date.now() / 1000);
				json(200, {
					access_token: randomBytes(16).toString('hex'),
					token_type: 'Bearer',
					expires_in: 300,
					id_token: idToken({ iss: provider.issuer, aud: clientId, iat: now, exp: now + 300, nonce: grant.nonce, ...grant.identity })
				});
			});
			return;
		}
		json(404, { error: 'not_found' });
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	provider.issuer = `http://127.0.0.1:${server.address().port}`;
	provider.server = server;
	provider.close = () => new Promise((resolve) => server.close(resolve));
	return provider;
}
