// S3 errors in words: the <Error> document is parsed and its code mapped to a sentence a person
// can act on. The raw XML is never shown.
import { parseXml, text } from './xml.js';

const SENTENCES = {
  AccessDenied: 'You do not have permission to do that.',
  InvalidAccessKeyId: 'That access key is not known to this server. Check the access key and sign in again.',
  SignatureDoesNotMatch: 'The secret key does not match this access key.',
  RequestTimeTooSkewed: "This computer's clock is too far from the server's clock. Correct the clock and try again.",
  AuthorizationHeaderMalformed: 'The server expects another region. Sign in again with the region it uses.',
  ExpiredToken: 'Your session has expired. Sign in again to go on.',
  NoSuchBucket: 'That bucket does not exist (any more).',
  NoSuchKey: 'That file does not exist (any more).',
  NoSuchVersion: 'That version of the file does not exist (any more).',
  NoSuchUpload: 'The upload was cancelled or has expired on the server.',
  BucketAlreadyExists: 'That bucket name is taken. Choose another name.',
  BucketAlreadyOwnedByYou: 'You already have a bucket with that name.',
  BucketNotEmpty: 'The bucket is not empty. Delete everything in it first.',
  InvalidBucketName: 'Bucket names are 3–63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  TooManyBuckets: 'You have reached the maximum number of buckets.',
  KeyTooLongError: 'That name is too long (at most 1024 bytes including folders).',
  EntityTooLarge: 'The file is larger than the server accepts in one piece.',
  EntityTooSmall: 'A part of the upload was smaller than the minimum part size.',
  InvalidPart: 'A part of the upload was missing or changed. Retry the upload.',
  InvalidPartOrder: 'The parts of the upload were out of order. Retry the upload.',
  BadDigest: 'The data arrived damaged (checksum mismatch). Try again.',
  IncompleteBody: 'The upload was cut off before all bytes arrived. Try again.',
  PreconditionFailed: 'The file changed in the meantime. Reload and try again.',
  InvalidRange: 'That part of the file does not exist.',
  NotImplemented: 'This server does not support that action yet.',
  MethodNotAllowed: 'That action is not allowed on this item.',
  SlowDown: 'The server is busy. Wait a moment and try again.',
  ServiceUnavailable: 'The server is unavailable right now. Try again shortly.',
  InternalError: 'The server ran into a problem. Try again; if it persists, tell the administrator.',
  InvalidArgument: 'The server refused a value in that request.',
  InvalidRequest: 'The server refused that request as invalid.',
};

export class S3Error extends Error {
  constructor(code, status, serverMessage, requestId) {
    super(SENTENCES[code] || describeStatus(status, serverMessage));
    this.code = code;
    this.status = status;
    this.serverMessage = serverMessage;
    this.requestId = requestId;
  }
}

function describeStatus(status, serverMessage) {
  if (serverMessage && !serverMessage.trim().startsWith('<')) return `The server refused: ${serverMessage}`;
  if (status === 403) return 'You do not have permission to do that.';
  if (status === 404) return 'That item does not exist (any more).';
  if (status >= 500) return 'The server ran into a problem. Try again shortly.';
  return `The request failed (HTTP ${status}).`;
}

/** Builds an S3Error from a failed response's status and body text (which may be empty: HEAD). */
export function errorFrom(status, body, requestId) {
  if (body && body.includes('<Error')) {
    try {
      const root = parseXml(body).documentElement;
      return new S3Error(text(root, 'Code'), status, text(root, 'Message'), text(root, 'RequestId') || requestId);
    } catch {
      // fall through to the status
    }
  }
  const byStatus = { 403: 'AccessDenied', 404: 'NoSuchKey', 412: 'PreconditionFailed', 501: 'NotImplemented', 503: 'SlowDown' };
  return new S3Error(byStatus[status] || null, status, null, requestId);
}

// Refusals that may pass when the same request is sent again: the server busy, slow or failing
// for a moment, or the bytes damaged on the way. Any other code (AccessDenied, EntityTooLarge,
// InvalidBucketName, NoSuchBucket…) answers the same until something else changes.
// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
const PASSING = new Set(['SlowDown', 'RequestTimeout', 'ServiceUnavailable', 'InternalError', 'BadDigest', 'IncompleteBody', 'OperationAborted']);

/** True when sending the same request again may succeed: the network failed, the server erred (5xx) or said to try again. */
export function mayPassOnRetry(error) {
  if (!error) return false;
  if (error.cause) return mayPassOnRetry(error.cause);
  if (error instanceof TypeError) return true; // the network, or the server unreachable
  if (!(error instanceof S3Error)) return false;
  return error.code ? PASSING.has(error.code) : error.status >= 500 || error.status === 408 || error.status === 429;
}

/** The sentence to show for any failure, S3 or network. */
export function describe(error) {
  if (error instanceof S3Error || error.code === 'SessionExpired') return error.message;
  if (error.name === 'AbortError') return 'Cancelled.';
  if (error instanceof TypeError) return 'The server cannot be reached. Check the connection and try again.';
  return error.message || 'Something went wrong.';
}

/**
 * A refusal as S3 put it, code and message first ("AccessDenied: Access Denied."), then the
 * sentence to act on; any other failure as describe() says it. For places that show a failure
 * that stays on screen, such as an upload's line.
 */
export function describeRefusal(error) {
  const s3 = error instanceof S3Error ? error : error && error.cause instanceof S3Error ? error.cause : null;
  const sentence = describe(error);
  if (!s3 || !s3.code) return sentence;
  const said = (s3.serverMessage || '').trim();
  return said ? `${s3.code}: ${said}${/[.!?]$/.test(said) ? '' : '.'} ${sentence}` : `${s3.code}. ${sentence}`;
}
