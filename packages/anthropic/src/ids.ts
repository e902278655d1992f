import { randomBytes } from 'node:crypto';

/** A fresh id in Anthropic's style (`msg_…`), for answers whose upstream gave none. */
export function generateMessageId(): string {
  return `msg_${randomBytes(12).toString('base64url')}`;
}
