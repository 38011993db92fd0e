/** One HTTP header as the delivery stores it: a list, because names may repeat and order is kept. */
export type HeaderEntry = { name: string; value: string };

/** What one delivery attempt sends. The delivery row holds it, so a replay sends the same thing. */
export type OutgoingRequest = {
  method: 'GET' | 'POST';
  url: string;
  headers: HeaderEntry[];
  body: string | null;
  /** Covers connecting, the response headers and reading the body; capped at 30 s by the client. */
  timeoutMs: number;
};

/** Why an attempt got no HTTP response. `refused` is the SSRF policy saying no; nothing was connected. */
export type SendErrorCode = 'refused' | 'timeout' | 'connect' | 'reset' | 'protocol';

export type SendResponse = {
  kind: 'response';
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The first 64 KB at most, as UTF-8. */
  body: string;
  /** Bytes actually read from the socket (up to one chunk past the cap when truncated). */
  bodyBytes: number;
  truncated: boolean;
  durationMs: number;
  /** From Retry-After, for 429 and 503 only; null when absent or unreadable. */
  retryAfterMs: number | null;
};

export type SendError = { kind: 'error'; code: SendErrorCode; message: string; durationMs: number };

export type SendResult = SendResponse | SendError;
