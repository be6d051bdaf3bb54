export interface StandInProvider {
	issuer: string;
	clientId: string;
	clientSecret: string;
	/** Who the next sign-in at the provider is. */
	identity: Record<string, unknown>;
	close(): Promise<void>;
}

export function startOidcProvider(options?: { port?: number; clientId?: string; clientSecret?: string }): Promise<StandInProvider>;
