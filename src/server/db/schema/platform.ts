import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Organisations: administrations (province/city/district), health institutions and
 * industry organisations. `path` is the chain of ids from the province down to this
 * node ('/1/4/9/'); a subtree is `path LIKE '/1/4/%'`, which is how jurisdiction is scoped.
 */
export const organisations = pgTable(
  'organisations',
  {
    id: serial('id').primaryKey(),
    provinceId: integer('province_id').notNull(),
    parentId: integer('parent_id'),
    /** admin = 卫生行政机构, institution = 卫生机构, industry = 行业组织 */
    kind: text('kind').$type<'admin' | 'institution' | 'industry'>().notNull(),
    /** only for admin: province | city | district */
    level: text('level').$type<'province' | 'city' | 'district' | null>(),
    name: text('name').notNull(),
    /** 机构账号 (login code), unique nationally */
    code: text('code').notNull(),
    address: text('address').notNull().default(''),
    path: text('path').notNull(),
    /** unactivated | active | deregistered */
    status: text('status').$type<'unactivated' | 'active' | 'deregistered'>().notNull().default('unactivated'),
    /** 允许申请成为考核机构 */
    canApplyAssessment: boolean('can_apply_assessment').notNull().default(false),
    /** approved as 考核机构 */
    isAssessmentBody: boolean('is_assessment_body').notNull().default(false),
    /** 本机构信息 forms (卫健委 / 考核管理委员会 / 考核办公室 / 卫生机构) keyed by form name */
    profile: jsonb('profile').$type<Record<string, Record<string, unknown>>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organisations_code_uq').on(t.code),
    index('organisations_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('organisations_parent_idx').on(t.parentId),
    index('organisations_province_kind_idx').on(t.provinceId, t.kind),
  ],
);

/** Login identities: one per organisation (机构账号) and one per physician (证件号). */
export const accounts = pgTable(
  'accounts',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').$type<'org' | 'physician'>().notNull(),
    orgId: integer('org_id'),
    physicianId: bigint('physician_id', { mode: 'number' }),
    provinceId: integer('province_id').notNull(),
    /** org: 机构账号; physician: normalised 证件号 */
    login: text('login').notNull(),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    mobile: text('mobile'),
    mobileVerifiedAt: timestamp('mobile_verified_at', { withTimezone: true }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_kind_login_uq').on(t.kind, t.login),
    uniqueIndex('accounts_org_uq').on(t.orgId),
    uniqueIndex('accounts_physician_uq').on(t.physicianId),
    /** 医师 log in with their bound mobile as well as their 证件号码 */
    index('accounts_mobile_idx').on(t.mobile),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id').notNull(),
    /** admin | institution | body | industry | physician — the role the session acts in */
    role: text('role').notNull(),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const captchas = pgTable('captchas', {
  id: uuid('id').primaryKey().defaultRandom(),
  answer: text('answer').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Failed logins for login names that match no account, counted exactly like an account's
 * `failed_logins` so the answers (attempts left, lock-out) do not tell whether an account exists.
 */
export const loginFailures = pgTable('login_failures', {
  /** `<org|physician>:<login name as typed, normalised>` */
  loginKey: text('login_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Tamper-evident audit trail: rows of one province (partition) form a hash chain — `hash` =
 * SHA-256(prev_hash + canonical row), `prev_hash` = the previous row's hash (decision 0064).
 */
/** Chain positions of sealed audit rows, in the order the sealer chained them (decision 0121). */
export const auditChainSeq = pgSequence('audit_chain_seq');

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorAccountId: integer('actor_account_id'),
    actorRole: text('actor_role').notNull(),
    actorName: text('actor_name').notNull().default(''),
    provinceId: integer('province_id'),
    /** path of the organisation the target belongs to, for jurisdiction-scoped viewing */
    orgPath: text('org_path'),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    action: text('action').notNull(),
    reason: text('reason'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /**
     * The row's place in its province's chain (decision 0121): null while the row waits to be
     * sealed, negative for rows written before the chain existed (legacy, unhashed).
     */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
  },
  (t) => [
    index('audit_log_path_idx').using('btree', sql`${t.orgPath} text_pattern_ops`, t.id),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
    index('audit_log_chain_idx').on(t.provinceId, t.chainSeq),
    index('audit_log_unsealed_idx').on(t.id).where(sql`chain_seq IS NULL`),
  ],
);

export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provinceId: integer('province_id'),
    mobile: text('mobile').notNull(),
    template: text('template').notNull(),
    content: text('content').notNull(),
    driver: text('driver').notNull(),
    status: text('status').$type<'queued' | 'sent' | 'failed' | 'recorded'>().notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sms_outbox_province_idx').on(t.provinceId, t.id)],
);

export const smsCodes = pgTable('sms_codes', {
  id: serial('id').primaryKey(),
  accountId: integer('account_id').notNull(),
  mobile: text('mobile').notNull(),
  purpose: text('purpose').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 站内消息 to a physician (or any account). */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: integer('account_id').notNull(),
    provinceId: integer('province_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('messages_account_idx').on(t.accountId, t.id)],
);

/** Uploaded files: bytes live in storage (local folder or S3), never in the database. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerAccountId: integer('owner_account_id').notNull(),
    provinceId: integer('province_id').notNull(),
    /** path of the organisation whose jurisdiction may read the file */
    orgPath: text('org_path').notNull(),
    purpose: text('purpose').notNull(),
    storageKey: text('storage_key').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    originalName: text('original_name').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('files_owner_idx').on(t.ownerAccountId)],
);

/** Province-wide settings that exist before any cycle (tenant settings). */
export const provinceSettings = pgTable('province_settings', {
  provinceId: integer('province_id').primaryKey(),
  /** physician initial password: '666666' or the last six characters of the ID number */
  physicianInitialPassword: text('physician_initial_password')
    .$type<'666666' | 'id_last6'>()
    .notNull()
    .default('666666'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
