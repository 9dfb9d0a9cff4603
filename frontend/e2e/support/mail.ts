// The mail the server under test sent, as .eml files in E2E_MAIL_DIR (tests/e2e/test_browser.py
// runs a worker beside the server with MAIL_URL=file://<that directory>), read the way a
// person's mail client shows it: the headers, the plain text, the links in it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';

export interface Mail {
  file: string;
  /** Header names in lower case, values unfolded (and RFC 2047 words decoded for Subject). */
  headers: Map<string, string>;
  subject: string;
  /** The text/plain part, decoded, with \n line ends. */
  text: string;
}

/** Skips the journey where the server's mail cannot be read (E2E_MAIL_DIR unset: e.g. through nginx). */
export function skipWithoutMail(): void {
  test.skip(!process.env.E2E_MAIL_DIR, 'E2E_MAIL_DIR is not set: this journey reads the mail the server sends (tests/e2e/test_browser.py sets it)');
}

function mailDirectory(): string {
  const directory = process.env.E2E_MAIL_DIR;
  if (!directory) throw new Error('E2E_MAIL_DIR is not set');
  return directory;
}

/**
 * The newest mail to `address` that `matching` accepts, once the worker has delivered it.
 * Journeys use addresses of their own, so mail of other journeys never matches.
 */
export async function waitForMail(address: string, description: string, matching: (mail: Mail) => boolean = () => true): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await readMails()).filter((mail) => (mail.headers.get('to') ?? '').includes(address) && matching(mail)).at(-1);
        return found !== undefined;
      },
      { message: `${description} (a mail to ${address} in ${mailDirectory()})`, timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

/** The first link in the mail's text that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.startsWith(prefix));
  expect(link, `a link starting ${prefix} in:\n${mail.text}`).toBeDefined();
  return link!;
}

// Names start with the time they were written, so the listing is oldest first; hidden
// names are messages still being written.
async function readMails(): Promise<Mail[]> {
  const names = (await readdir(mailDirectory())).filter((name) => name.endsWith('.eml') && !name.startsWith('.')).sort();
  return Promise.all(names.map(async (name) => parseMail(name, await readFile(join(mailDirectory(), name), 'latin1'))));
}

function parseMail(file: string, raw: string): Mail {
  const { headers, body } = splitEntity(raw);
  return { file, headers, subject: decodeWords(headers.get('subject') ?? ''), text: plainText(headers, body) };
}

/** An entity's headers (unfolded) and its body. */
function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const blank = /\r?\n\r?\n/.exec(raw);
  const head = blank ? raw.slice(0, blank.index) : raw;
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: blank ? raw.slice(blank.index + blank[0].length) : '' };
}

/** The first text/plain part, looking into multipart entities. */
function plainText(headers: Map<string, string>, body: string): string {
  const type = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get('content-type') ?? '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const entity = splitEntity(part.replace(/^\r?\n/, ''));
      const text = plainText(entity.headers, entity.body);
      if (text) return text;
    }
    return '';
  }
  if (!type.startsWith('text/plain')) return '';
  return decodeBody(headers.get('content-transfer-encoding') ?? '7bit', body).replace(/\r\n/g, '\n');
}

function decodeBody(encoding: string, body: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body, 'base64').toString('utf8');
    case 'quoted-printable':
      return latin1BytesToUtf8(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    default:
      return latin1BytesToUtf8(body);
  }
}

/** The file was read one byte per character; the text is UTF-8. */
function latin1BytesToUtf8(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** RFC 2047 encoded words (=?utf-8?q?…?= and =?utf-8?b?…?=), with the blanks between them dropped. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?[^?]+\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : latin1BytesToUtf8(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16)))),
  );
}
