import type { Config } from '../config.js';
import type { DbOrTx } from '../db/client.js';
import { smsOutbox } from '../db/schema/index.js';

export interface SmsMessage {
  mobile: string;
  template: string;
  content: string;
  provinceId?: number | null;
}

/**
 * SMS gateway interface. The default driver records every message to the `sms_outbox`
 * table (viewable by operators); the http driver posts to a real gateway and records too.
 */
export interface SmsGateway {
  send(db: DbOrTx, msg: SmsMessage): Promise<void>;
  /** optional bulk variant (batch actions notify up to thousands of physicians in one transaction) */
  sendMany?(db: DbOrTx, msgs: SmsMessage[]): Promise<void>;
}

export class OutboxSmsGateway implements SmsGateway {
  async send(db: DbOrTx, msg: SmsMessage): Promise<void> {
    await db
      .insert(smsOutbox)
      .values({ ...msg, provinceId: msg.provinceId ?? null, driver: 'outbox', status: 'recorded' });
  }
  async sendMany(db: DbOrTx, msgs: SmsMessage[]): Promise<void> {
    for (let i = 0; i < msgs.length; i += 2000) {
      await db
        .insert(smsOutbox)
        .values(
          msgs
            .slice(i, i + 2000)
            .map((m) => ({ ...m, provinceId: m.provinceId ?? null, driver: 'outbox', status: 'recorded' as const })),
        );
    }
  }
}

export class HttpSmsGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly sign: string,
  ) {}
  async send(db: DbOrTx, msg: SmsMessage): Promise<void> {
    let status: 'sent' | 'failed' = 'sent';
    let error: string | null = null;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ mobile: msg.mobile, template: msg.template, content: `【${this.sign}】${msg.content}` }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    } catch (e) {
      status = 'failed';
      error = (e as Error).message;
    }
    await db.insert(smsOutbox).values({ ...msg, provinceId: msg.provinceId ?? null, driver: 'http', status, error });
  }
}

export function createSmsGateway(config: Config): SmsGateway {
  return config.SMS_DRIVER === 'http'
    ? new HttpSmsGateway(config.SMS_HTTP_URL!, config.SMS_HTTP_TOKEN, config.SMS_SIGN)
    : new OutboxSmsGateway();
}
