/**
 * Reference vocabulary of the demo data set: what a SaaS support team's customers write
 * about, what they search the help center for, and the words company names are built from.
 * Pure data plus small helpers; every draw from it happens in demo/.
 */

export type Plan = 'free' | 'standard' | 'premium' | 'enterprise';
export type Segment = 'scaled' | 'blended' | 'high_touch';
export type Channel = 'email' | 'chat' | 'web' | 'phone' | 'in_app' | 'social';
export type Category =
	| 'bug'
	| 'how_to'
	| 'feature_request'
	| 'billing'
	| 'account'
	| 'integration'
	| 'performance'
	| 'data_export';

export const PLANS: readonly Plan[] = ['free', 'standard', 'premium', 'enterprise'];
export const CHANNELS: readonly Channel[] = ['email', 'chat', 'web', 'phone', 'in_app', 'social'];

/** A kind of ticket: its category, tags, subject templates and how often it is filed. */
export interface TicketTopic {
	key: string;
	category: Category;
	/** Share of inbound tickets in ordinary weeks, in percent. */
	weight: number;
	/** Tags every ticket of the topic carries (1-2); more may come from its category. */
	tags: readonly string[];
	/** Subject templates; `{slot}` is filled from SUBJECT_SLOTS or per ticket. */
	subjects: readonly string[];
	/** The help-center search topic a requester tries before filing this kind of ticket. */
	searchTopic: string;
}

export const TICKET_TOPICS: readonly TicketTopic[] = [
	// bug: 18 %
	{
		key: 'bug.login_error',
		category: 'bug',
		weight: 3,
		tags: ['login_error'],
		subjects: [
			'Cannot log in after the latest update',
			'Login page keeps spinning in {browser}',
			'Error 500 when signing in',
			'Several users locked out since this morning'
		],
		searchTopic: 'login'
	},
	{
		key: 'bug.sync_failure',
		category: 'bug',
		weight: 4,
		tags: ['sync_failure'],
		subjects: [
			'{integration} sync stopped overnight',
			'{object} not syncing from {integration}',
			'Sync job fails with a timeout error',
			'Sync shows success but nothing changed'
		],
		searchTopic: 'sync'
	},
	{
		key: 'bug.ui_glitch',
		category: 'bug',
		weight: 4,
		tags: ['ui_glitch'],
		subjects: [
			'Buttons overlap on the {page} page in {browser}',
			'Dropdown on the {page} page does not open',
			'Table columns misaligned on the {page} page',
			'Blank screen after clicking Save on {page}'
		],
		searchTopic: 'display'
	},
	{
		key: 'bug.notifications',
		category: 'bug',
		weight: 3,
		tags: ['notifications'],
		subjects: [
			'Email notifications stopped arriving',
			'Getting duplicate notifications for every update',
			'Mobile push notifications are delayed by hours',
			'Digest email sent twice this week'
		],
		searchTopic: 'notifications'
	},
	{
		key: 'bug.mobile_app',
		category: 'bug',
		weight: 2.5,
		tags: ['mobile_app', 'crash'],
		subjects: [
			'iOS app crashes when opening {object}',
			'Android app logs me out every day',
			'Mobile app freezes on the {page} screen'
		],
		searchTopic: 'mobile'
	},
	{
		key: 'bug.data_loss',
		category: 'bug',
		weight: 1.5,
		tags: ['data_loss'],
		subjects: [
			'Some {object} disappeared after an import',
			'Custom field values were wiped overnight',
			'Notes missing from older {object}'
		],
		searchTopic: 'import'
	},
	// how_to: 24 %
	{
		key: 'how_to.export',
		category: 'how_to',
		weight: 6,
		tags: ['export', 'csv'],
		subjects: [
			'How do I export contacts to CSV?',
			'Export all {object} to a spreadsheet',
			'Where is the CSV export for {object}?',
			'Can I export a filtered list of contacts?',
			'Export contacts with their custom fields'
		],
		searchTopic: 'export'
	},
	{
		key: 'how_to.import',
		category: 'how_to',
		weight: 4,
		tags: ['import', 'csv'],
		subjects: [
			'How do I import {object} from a CSV file?',
			'Import fails with "invalid date" on row {n}',
			'Best way to bulk import {object}?',
			'Importing {object} from our old CRM'
		],
		searchTopic: 'import'
	},
	{
		key: 'how_to.permissions',
		category: 'how_to',
		weight: 4,
		tags: ['permissions', 'user_management'],
		subjects: [
			'How do I give a teammate read-only access?',
			'Restrict who can delete {object}',
			'Set up roles for our {team} team',
			'Hide billing pages from non-admins'
		],
		searchTopic: 'permissions'
	},
	{
		key: 'how_to.reporting',
		category: 'how_to',
		weight: 4,
		tags: ['reporting'],
		subjects: [
			'How do I build a weekly report of {object}?',
			'Schedule a dashboard to be emailed every Monday',
			'Filter the {report} report by team',
			'Compare this quarter with last quarter in a report'
		],
		searchTopic: 'reporting'
	},
	{
		key: 'how_to.automation',
		category: 'how_to',
		weight: 3.5,
		tags: ['automation'],
		subjects: [
			'Create a rule to assign new {object} automatically',
			'Send a reminder when a deal stalls',
			'Automation rule runs twice',
			'Trigger a webhook from an automation'
		],
		searchTopic: 'automation'
	},
	{
		key: 'how_to.onboarding',
		category: 'how_to',
		weight: 2.5,
		tags: ['onboarding'],
		subjects: [
			'Getting started: what should we set up first?',
			'Onboarding checklist for new admins',
			'Training material for our {team} team'
		],
		searchTopic: 'onboarding'
	},
	// feature_request: 7 %
	{
		key: 'feature_request.reporting',
		category: 'feature_request',
		weight: 2.5,
		tags: ['reporting'],
		subjects: [
			'Please add custom date ranges to reports',
			'Feature request: export dashboards as PDF',
			'Allow sharing a report with a public link'
		],
		searchTopic: 'reporting'
	},
	{
		key: 'feature_request.api',
		category: 'feature_request',
		weight: 1.5,
		tags: ['api'],
		subjects: ['Request: API endpoint for {object} history', 'Add bulk endpoints to the API'],
		searchTopic: 'api'
	},
	{
		key: 'feature_request.dark_mode',
		category: 'feature_request',
		weight: 1,
		tags: ['dark_mode'],
		subjects: ['Any plans for a dark mode?', 'Dark mode for the mobile app please'],
		searchTopic: 'dark_mode'
	},
	{
		key: 'feature_request.custom_fields',
		category: 'feature_request',
		weight: 2,
		tags: ['custom_fields'],
		subjects: ['Allow more than 50 custom fields', 'Support formula fields on {object}', 'Required custom fields on {object}'],
		searchTopic: 'custom_fields'
	},
	// billing: 12 %
	{
		key: 'billing.invoice',
		category: 'billing',
		weight: 3,
		tags: ['invoice'],
		subjects: [
			'Invoice {invoice} has the wrong company address',
			'Need a copy of our {month} invoice',
			'Please send invoices to our accounts payable address',
			'PO number missing on invoice {invoice}'
		],
		searchTopic: 'invoice'
	},
	{
		key: 'billing.vat',
		category: 'billing',
		weight: 2,
		tags: ['vat', 'invoice'],
		subjects: [
			'Invoice shows the wrong VAT rate',
			'Please add our VAT number to invoices',
			'VAT charged although we are exempt',
			'Reverse charge note missing on invoice {invoice}'
		],
		searchTopic: 'vat'
	},
	{
		key: 'billing.duplicate_charge',
		category: 'billing',
		weight: 1,
		tags: ['duplicate_charge', 'invoice'],
		subjects: ['We were charged twice for {month}', 'Duplicate charge on our card', 'Invoice {invoice} billed twice'],
		searchTopic: 'duplicate_charge'
	},
	{
		key: 'billing.refund',
		category: 'billing',
		weight: 1.5,
		tags: ['refund'],
		subjects: ['Refund for unused seats', 'Requesting a refund after our downgrade', 'When will the refund for {invoice} arrive?'],
		searchTopic: 'refund'
	},
	{
		key: 'billing.card_declined',
		category: 'billing',
		weight: 1.5,
		tags: ['card_declined'],
		subjects: ['Card declined on renewal', 'Payment failed but the card is valid', 'Update the card on file before renewal'],
		searchTopic: 'card'
	},
	{
		key: 'billing.plan_change',
		category: 'billing',
		weight: 2,
		tags: ['plan_change'],
		subjects: ['Upgrade to the {plan} plan', 'How are prorated charges calculated?', 'Switch from monthly to annual billing'],
		searchTopic: 'plan_change'
	},
	{
		key: 'billing.renewal',
		category: 'billing',
		weight: 1,
		tags: ['renewal'],
		subjects: ['Renewal quote for next year', 'Our renewal went through at the old price'],
		searchTopic: 'plan_change'
	},
	// account: 11 %
	{
		key: 'account.sso',
		category: 'account',
		weight: 2.5,
		tags: ['sso'],
		subjects: [
			'SSO login loops back to the sign-in page',
			'Set up SAML SSO with Okta',
			'Azure AD SSO error: invalid audience',
			'Enforce SSO for all users'
		],
		searchTopic: 'sso'
	},
	{
		key: 'account.password_reset',
		category: 'account',
		weight: 3,
		tags: ['password_reset'],
		subjects: ['Password reset email never arrives', 'Reset link expired immediately', 'Cannot reset the password for {team} users'],
		searchTopic: 'password'
	},
	{
		key: 'account.seats',
		category: 'account',
		weight: 2,
		tags: ['seats', 'user_management'],
		subjects: ['Add {n} seats to our account', 'Remove inactive users to free seats', 'Transfer ownership to a new admin'],
		searchTopic: 'seats'
	},
	{
		key: 'account.two_factor',
		category: 'account',
		weight: 2,
		tags: ['two_factor'],
		subjects: ['Lost my phone and cannot pass two-factor', 'Reset 2FA for a teammate', 'Require two-factor for all admins'],
		searchTopic: 'two_factor'
	},
	{
		key: 'account.cancellation',
		category: 'account',
		weight: 1.5,
		tags: ['cancellation'],
		subjects: ['How do I cancel our subscription?', 'Close our account at the end of the term', 'Cancel the trial before it converts'],
		searchTopic: 'cancel'
	},
	// integration: 11 %
	{
		key: 'integration.salesforce',
		category: 'integration',
		weight: 3,
		tags: ['salesforce'],
		subjects: ['Salesforce sync duplicates contacts', 'Map custom Salesforce fields', 'Salesforce connector asks to re-authenticate daily'],
		searchTopic: 'salesforce'
	},
	{
		key: 'integration.slack',
		category: 'integration',
		weight: 2,
		tags: ['slack'],
		subjects: ['Slack notifications not posting to our channel', 'Connect Slack to a private channel'],
		searchTopic: 'slack'
	},
	{
		key: 'integration.webhooks',
		category: 'integration',
		weight: 2.5,
		tags: ['webhooks', 'api'],
		subjects: [
			'Webhooks not firing for updated {object}',
			'Webhook retries: how many and how often?',
			'Webhook payload missing custom fields'
		],
		searchTopic: 'webhook_retries'
	},
	{
		key: 'integration.api',
		category: 'integration',
		weight: 2,
		tags: ['api', 'rate_limit'],
		subjects: ['API returns 429 Too Many Requests', 'What is the API rate limit on our plan?', 'API token stopped working'],
		searchTopic: 'rate_limit'
	},
	{
		key: 'integration.zapier',
		category: 'integration',
		weight: 1.5,
		tags: ['zapier'],
		subjects: ['Zapier trigger stopped working', 'Zapier cannot find new {object}'],
		searchTopic: 'zapier'
	},
	// performance: 8 %
	{
		key: 'performance.slow_dashboard',
		category: 'performance',
		weight: 3.5,
		tags: ['slow_dashboard', 'latency'],
		subjects: ['Dashboards take over a minute to load', 'The {report} report is very slow', 'Everything is slow since yesterday'],
		searchTopic: 'performance'
	},
	{
		key: 'performance.timeout',
		category: 'performance',
		weight: 2.5,
		tags: ['timeout'],
		subjects: ['Timeouts when exporting large lists', 'Search times out for {object}', 'Bulk update times out after 30 seconds'],
		searchTopic: 'performance'
	},
	{
		key: 'performance.outage',
		category: 'performance',
		weight: 2,
		tags: ['outage', 'latency'],
		subjects: ['App is down for our whole team', 'Intermittent 502 errors', 'Cannot load anything in {region_name}'],
		searchTopic: 'performance'
	},
	// data_export: 9 %
	{
		key: 'data_export.gdpr',
		category: 'data_export',
		weight: 2.5,
		tags: ['gdpr'],
		subjects: ['GDPR data access request for a customer', 'Delete all personal data for a contact', 'Need a signed DPA'],
		searchTopic: 'gdpr'
	},
	{
		key: 'data_export.backup',
		category: 'data_export',
		weight: 2.5,
		tags: ['backup'],
		subjects: ['Full backup of our account data', 'Download a copy of all attachments', 'How long do you keep backups?'],
		searchTopic: 'backup'
	},
	{
		key: 'data_export.audit_log',
		category: 'data_export',
		weight: 2,
		tags: ['audit_log', 'export'],
		subjects: ['Export the audit log for our auditors', 'Audit log export only shows 90 days'],
		searchTopic: 'audit_log'
	},
	{
		key: 'data_export.full_export',
		category: 'data_export',
		weight: 2,
		tags: ['export', 'backup'],
		subjects: ['Full data export for a migration', 'Scheduled nightly export to S3'],
		searchTopic: 'backup'
	}
];

/** Tags a ticket of a category may carry besides its topic's (a third tag now and then). */
export const CATEGORY_EXTRA_TAGS: Record<Category, readonly string[]> = {
	bug: ['mobile_app', 'crash', 'notifications', 'ui_glitch'],
	how_to: ['onboarding', 'reporting', 'automation', 'permissions'],
	feature_request: ['reporting', 'api', 'automation', 'custom_fields'],
	billing: ['invoice', 'plan_change', 'seats'],
	account: ['user_management', 'permissions', 'sso'],
	integration: ['api', 'sync_failure', 'webhooks'],
	performance: ['latency', 'timeout'],
	data_export: ['csv', 'export']
};

/** Subjects of the billing-bug spike (planted story 1): duplicate charges with VAT errors. */
export const SPIKE_SUBJECTS: readonly string[] = [
	'Charged twice this month and VAT added twice',
	'Duplicate charge on invoice {invoice}',
	'Invoice {invoice} billed twice with the wrong VAT',
	'We were charged twice for {month}',
	'Two identical invoices this month',
	'Double payment taken from our card'
];

/** Subjects of the churn-risk enterprise org's escalations (planted story 3). */
export const CHURN_SUBJECTS: ReadonlyArray<{ category: Category; tags: readonly string[]; subject: string }> = [
	{ category: 'performance', tags: ['outage', 'latency'], subject: 'URGENT: platform unusable for our dispatch team' },
	{ category: 'integration', tags: ['salesforce', 'sync_failure'], subject: 'Salesforce sync halted, orders not reaching the warehouse' },
	{ category: 'bug', tags: ['data_loss'], subject: 'Shipment records missing after last night\'s sync' },
	{ category: 'performance', tags: ['timeout', 'slow_dashboard'], subject: 'Dashboards timing out for all regional managers again' },
	{ category: 'bug', tags: ['login_error', 'sso'], subject: 'SSO outage: nobody on our side can log in' },
	{ category: 'integration', tags: ['webhooks', 'api'], subject: 'Webhooks dropped again, third time this month' }
];

/** Agent-created (outbound) tickets: renewals, check-ins, follow-ups. */
export const OUTBOUND_TOPICS: ReadonlyArray<{ category: Category; tags: readonly string[]; subjects: readonly string[] }> = [
	{ category: 'billing', tags: ['renewal'], subjects: ['Your renewal quote for {year}', 'Upcoming renewal: please confirm seat count'] },
	{ category: 'account', tags: ['onboarding'], subjects: ['Onboarding check-in for your team', 'Welcome call: getting your admins set up'] },
	{
		category: 'feature_request',
		tags: ['reporting'],
		subjects: ['Follow-up on your feature request', 'The report you asked for is now available']
	},
	{ category: 'billing', tags: ['card_declined'], subjects: ['Action needed: payment method expiring'] }
];

/** Values for subject template slots. */
export const SUBJECT_SLOTS: Record<string, readonly string[]> = {
	object: ['contacts', 'deals', 'companies', 'tasks', 'invoices', 'projects', 'leads', 'orders'],
	integration: ['Salesforce', 'HubSpot', 'Slack', 'Google Sheets', 'Shopify', 'Zapier', 'Outlook'],
	browser: ['Chrome', 'Safari', 'Firefox', 'Edge'],
	page: ['contacts', 'settings', 'pipeline', 'reports', 'billing', 'inbox'],
	report: ['pipeline', 'activity', 'revenue', 'team performance', 'forecast'],
	team: ['sales', 'finance', 'support', 'operations', 'marketing'],
	plan: ['Standard', 'Premium', 'Enterprise'],
	region_name: ['Europe', 'Asia', 'the US East region', 'Australia']
};

/** A help-center search topic: the phrasings people type, who types them, and whether an article answers them. */
export interface SearchTopic {
	key: string;
	phrasings: readonly string[];
	/** Relative search demand per segment. */
	demand: Readonly<Record<Segment, number>>;
	/** False for a KB gap: every search for it finds nothing. */
	answered: boolean;
}

const everyone = { scaled: 1, blended: 1, high_touch: 1 };

export const SEARCH_TOPICS: readonly SearchTopic[] = [
	{
		key: 'export',
		phrasings: [
			'export csv', 'export contacts', 'export contacts to csv', 'csv export', 'download contacts',
			'export to excel', 'how to export'
		],
		demand: { scaled: 1.6, blended: 1.4, high_touch: 1.1 },
		answered: true
	},
	{
		key: 'import',
		phrasings: ['import csv', 'import contacts', 'bulk import', 'import invalid date', 'upload spreadsheet'],
		demand: everyone,
		answered: true
	},
	{
		key: 'permissions',
		phrasings: ['user roles', 'read only access', 'permissions', 'restrict delete', 'admin role'],
		demand: { scaled: 0.6, blended: 1, high_touch: 1.3 },
		answered: true
	},
	{
		key: 'reporting',
		phrasings: ['weekly report', 'custom report', 'email dashboard', 'report filters', 'schedule report'],
		demand: everyone,
		answered: true
	},
	{
		key: 'automation',
		phrasings: ['automation rules', 'auto assign', 'workflow trigger', 'reminders'],
		demand: everyone,
		answered: true
	},
	{
		key: 'onboarding',
		phrasings: ['getting started', 'setup guide', 'onboarding checklist', 'first steps'],
		demand: { scaled: 1.4, blended: 1, high_touch: 0.6 },
		answered: true
	},
	{
		key: 'login',
		phrasings: ["can't log in", 'login error', 'locked out', 'sign in problem'],
		demand: everyone,
		answered: true
	},
	{
		key: 'password',
		phrasings: ['reset password', 'password reset email', 'forgot password', 'change password'],
		demand: { scaled: 1.5, blended: 1, high_touch: 0.7 },
		answered: true
	},
	{
		key: 'sso',
		phrasings: ['sso setup', 'saml okta', 'azure ad sso', 'single sign on'],
		demand: { scaled: 0.2, blended: 0.8, high_touch: 1.8 },
		answered: true
	},
	{
		key: 'two_factor',
		phrasings: ['2fa reset', 'two factor authentication', 'lost phone 2fa'],
		demand: everyone,
		answered: true
	},
	{
		key: 'seats',
		phrasings: ['add seats', 'remove user', 'seat limit', 'invite teammates'],
		demand: everyone,
		answered: true
	},
	{
		key: 'invoice',
		phrasings: ['download invoice', 'invoice address', 'invoice copy', 'billing history'],
		demand: { scaled: 1.3, blended: 1, high_touch: 0.6 },
		answered: true
	},
	{
		key: 'vat',
		phrasings: ['vat number', 'vat invoice', 'tax exempt', 'vat rate'],
		demand: everyone,
		answered: true
	},
	{
		key: 'duplicate_charge',
		phrasings: ['charged twice', 'double charge', 'duplicate payment'],
		demand: everyone,
		answered: true
	},
	{
		key: 'refund',
		phrasings: ['refund', 'refund policy', 'money back'],
		demand: { scaled: 1.5, blended: 0.8, high_touch: 0.3 },
		answered: true
	},
	{
		key: 'card',
		phrasings: ['card declined', 'update credit card', 'payment failed', 'payment method'],
		demand: { scaled: 1.5, blended: 0.9, high_touch: 0.3 },
		answered: true
	},
	{
		key: 'plan_change',
		phrasings: ['upgrade plan', 'downgrade', 'pricing', 'prorated charges', 'change plan'],
		demand: { scaled: 1.4, blended: 1, high_touch: 0.5 },
		answered: true
	},
	{
		key: 'sync',
		phrasings: ['sync not working', 'sync error', 'sync duplicates'],
		demand: everyone,
		answered: true
	},
	{
		key: 'salesforce',
		phrasings: ['salesforce integration', 'salesforce field mapping', 'salesforce sync'],
		demand: { scaled: 0.4, blended: 1.2, high_touch: 1.5 },
		answered: true
	},
	{
		key: 'slack',
		phrasings: ['slack integration', 'slack notifications', 'connect slack'],
		demand: everyone,
		answered: true
	},
	{
		key: 'api',
		phrasings: ['api key', 'api docs', 'api authentication', 'rest api'],
		demand: { scaled: 0.5, blended: 1.3, high_touch: 1.3 },
		answered: true
	},
	{
		key: 'zapier',
		phrasings: ['zapier', 'zapier trigger'],
		demand: { scaled: 1.3, blended: 1, high_touch: 0.3 },
		answered: true
	},
	{
		key: 'notifications',
		phrasings: ['email notifications', 'notification settings', 'push notifications'],
		demand: everyone,
		answered: true
	},
	{
		key: 'display',
		phrasings: ['page not loading', 'button not working', 'display issue', 'blank screen'],
		demand: everyone,
		answered: true
	},
	{
		key: 'mobile',
		phrasings: ['mobile app', 'ios app', 'android app'],
		demand: everyone,
		answered: true
	},
	{
		key: 'performance',
		phrasings: ['slow dashboard', 'page loading slow', 'timeout error', '502 error', 'status page'],
		demand: everyone,
		answered: true
	},
	{
		key: 'gdpr',
		phrasings: ['gdpr', 'delete personal data', 'data processing agreement', 'dpa'],
		demand: { scaled: 0.6, blended: 1, high_touch: 1.4 },
		answered: true
	},
	{
		key: 'backup',
		phrasings: ['backup data', 'download all data', 'download attachments'],
		demand: everyone,
		answered: true
	},
	{
		key: 'custom_fields',
		phrasings: ['custom fields', 'field limit', 'formula field'],
		demand: everyone,
		answered: true
	},
	{
		key: 'dark_mode',
		phrasings: ['dark mode'],
		demand: everyone,
		answered: true
	},
	// KB gaps, each searched mostly by one segment (what the kb_gaps report should surface).
	{
		key: 'cancel',
		phrasings: ['cancel subscription', 'cancel account', 'how to cancel', 'cancel plan'],
		demand: { scaled: 3, blended: 0.4, high_touch: 0.05 },
		answered: false
	},
	{
		key: 'student_discount',
		phrasings: ['student discount', 'student pricing', 'education discount', 'nonprofit discount'],
		demand: { scaled: 2.2, blended: 0.1, high_touch: 0 },
		answered: false
	},
	{
		key: 'billing_date',
		phrasings: ['change billing date', 'billing date', 'move billing cycle'],
		demand: { scaled: 2.2, blended: 0.4, high_touch: 0.05 },
		answered: false
	},
	{
		key: 'rate_limit',
		phrasings: ['api rate limit', 'rate limit', '429 too many requests', 'api limits'],
		demand: { scaled: 0.2, blended: 2.6, high_touch: 0.5 },
		answered: false
	},
	{
		key: 'webhook_retries',
		phrasings: ['webhook retries', 'retry failed webhook', 'webhook retry policy'],
		demand: { scaled: 0.1, blended: 2.2, high_touch: 0.4 },
		answered: false
	},
	{
		key: 'sandbox',
		phrasings: ['sandbox environment', 'test environment', 'staging account'],
		demand: { scaled: 0.05, blended: 1.6, high_touch: 0.6 },
		answered: false
	},
	{
		key: 'scim',
		phrasings: ['saml scim provisioning', 'scim', 'scim provisioning okta', 'user provisioning'],
		demand: { scaled: 0, blended: 0.3, high_touch: 3 },
		answered: false
	},
	{
		key: 'audit_log',
		phrasings: ['audit log export', 'export audit log', 'audit trail'],
		demand: { scaled: 0, blended: 0.3, high_touch: 2.6 },
		answered: false
	},
	{
		key: 'data_residency',
		phrasings: ['data residency eu', 'eu data center', 'data residency', 'where is data stored'],
		demand: { scaled: 0.05, blended: 0.3, high_touch: 2.2 },
		answered: false
	},
	{
		key: 'ip_allowlist',
		phrasings: ['ip allowlist', 'ip whitelist', 'restrict ip addresses'],
		demand: { scaled: 0, blended: 0.2, high_touch: 1.4 },
		answered: false
	}
];

/** The article planted by story 2: published part-way through the span, it answers `export`. */
export const EXPORT_ARTICLE = { id: 'kb-217', title: 'Export contacts to CSV', searchTopic: 'export' } as const;

/** Articles whose readers often vote "not helpful" (outdated screenshots, vague steps). */
export const WEAK_ARTICLES: ReadonlySet<string> = new Set(['kb-133', 'kb-158', 'kb-174', 'kb-201']);

/** First and last id number of the articles that exist from the start (kb-101 .. kb-216). */
export const ARTICLE_ID_RANGE = { first: 101, last: 216 } as const;

/** Support teams (the ticket's group). */
export const GROUPS = {
	tier1: 'Tier 1 Support',
	billing: 'Billing',
	technical: 'Technical Support',
	integrations: 'Integrations',
	enterprise: 'Enterprise Desk'
} as const;
export type GroupName = (typeof GROUPS)[keyof typeof GROUPS];

/**
 * Which group each agent works in, repeating every 20 agents (agent-01 is Tier 1, agent-11
 * Technical Support, ...): roughly the groups' share of the work.
 */
export const AGENT_GROUP_PATTERN: readonly GroupName[] = [
	...Array<GroupName>(10).fill(GROUPS.tier1),
	...Array<GroupName>(4).fill(GROUPS.technical),
	...Array<GroupName>(2).fill(GROUPS.billing),
	...Array<GroupName>(2).fill(GROUPS.integrations),
	...Array<GroupName>(2).fill(GROUPS.enterprise)
];

/** Customer time zones (IANA names DuckDB knows), their region and how common they are. */
export const TIMEZONES: ReadonlyArray<{ timezone: string; region: string; weight: number }> = [
	{ timezone: 'America/New_York', region: 'NA', weight: 22 },
	{ timezone: 'America/Chicago', region: 'NA', weight: 9 },
	{ timezone: 'America/Denver', region: 'NA', weight: 4 },
	{ timezone: 'America/Los_Angeles', region: 'NA', weight: 13 },
	{ timezone: 'America/Toronto', region: 'NA', weight: 4 },
	{ timezone: 'America/Sao_Paulo', region: 'LATAM', weight: 3 },
	{ timezone: 'America/Mexico_City', region: 'LATAM', weight: 2 },
	{ timezone: 'Europe/London', region: 'EMEA', weight: 12 },
	{ timezone: 'Europe/Berlin', region: 'EMEA', weight: 10 },
	{ timezone: 'Europe/Paris', region: 'EMEA', weight: 5 },
	{ timezone: 'Europe/Amsterdam', region: 'EMEA', weight: 3 },
	{ timezone: 'Europe/Stockholm', region: 'EMEA', weight: 2 },
	{ timezone: 'Europe/Madrid', region: 'EMEA', weight: 2 },
	{ timezone: 'Asia/Tokyo', region: 'APAC', weight: 4 },
	{ timezone: 'Asia/Singapore', region: 'APAC', weight: 2 },
	{ timezone: 'Asia/Kolkata', region: 'APAC', weight: 2 },
	{ timezone: 'Australia/Sydney', region: 'APAC', weight: 3 }
];

/** Words company names are built from ("Bright Harbor Analytics", "Okafor & Lindqvist"). */
export const NAME_FIRST_WORDS: readonly string[] = [
	'Bright', 'Blue', 'North', 'Silver', 'Cedar', 'Granite', 'Summit', 'Harbor', 'Pioneer', 'Crescent',
	'Maple', 'Iron', 'Golden', 'Red', 'Evergreen', 'Clear', 'Swift', 'Atlas', 'Beacon', 'Copper',
	'Lumen', 'Nova', 'Orbit', 'Prairie', 'Quarry', 'River', 'Sable', 'Tidal', 'Union', 'Vantage',
	'Willow', 'Zenith', 'Alder', 'Birch', 'Coastal', 'Delta', 'Ember', 'Falcon', 'Glacier', 'Highland',
	'Indigo', 'Juniper', 'Keystone', 'Lakeside', 'Meridian', 'Northstar', 'Oak', 'Pine', 'Quill', 'Redwood',
	'Sterling', 'Trident', 'Upland', 'Vertex', 'Westward', 'Yellowtail', 'Aspen', 'Basalt', 'Cobalt', 'Drift'
];
export const NAME_SECOND_WORDS: readonly string[] = [
	'Harbor', 'Peak', 'Ridge', 'Field', 'Stone', 'Bridge', 'Works', 'Point', 'Path', 'Forge',
	'Line', 'Gate', 'Bay', 'Grove', 'Brook', 'Crest', 'Haven', 'Mill', 'Port', 'Rock',
	'Spring', 'Vale', 'Wood', 'Yard', 'Arc', 'Beam', 'Cloud', 'Dock', 'Frame', 'Grid',
	'Hive', 'Key', 'Leaf', 'Loop', 'Mark', 'Nest', 'Pulse', 'Root', 'Shift', 'Signal',
	'Spark', 'Sphere', 'Trail', 'Wave', 'Wing', 'Current', 'Anchor', 'Compass', 'Lantern', 'Orchard'
];
export const NAME_SUFFIXES: readonly string[] = [
	'Labs', 'Analytics', 'Logistics', 'Health', 'Studios', 'Systems', 'Partners', 'Software', 'Foods', 'Robotics',
	'Media', 'Capital', 'Energy', 'Retail', 'Consulting', 'Group', 'Learning', 'Dental', 'Travel', 'Insurance',
	'Manufacturing', 'Biotech', 'Realty', 'Apparel', 'Legal'
];
export const NAME_SURNAMES: readonly string[] = [
	'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Alvarez', 'Novak', 'Brennan', 'Castillo', 'Dubois', 'Eriksen',
	'Fischer', 'Gallagher', 'Haddad', 'Ibsen', 'Jansen', 'Kowalski', 'Laurent', 'Mendes', 'Nakamura', "O'Neill",
	'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Takahashi', 'Underwood', 'Varga', 'Whitfield', 'Yilmaz', 'Zimmer'
];

/** The planted churn-risk enterprise org (story 3), org-0001. */
export const CHURN_ORG = {
	name: 'Kestrel Freight Systems',
	arr: 480_000,
	seats: 2_400,
	timezone: 'America/Chicago',
	region: 'NA'
} as const;
