/**
 * File downloads, one way everywhere: Content-Type plus an RFC 5987 Content-Disposition
 * (`filename*=UTF-8''…`) so Chinese file names arrive intact in every browser.
 */
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

/** `attachment; filename*=UTF-8''%E5%8C%BB…` (inline: shown in the browser when it can). */
export function contentDisposition(fileName: string, inline = false): string {
  return `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sets the download headers on `reply` (and returns it): Content-Type, Content-Disposition,
 * and Cache-Control when given (private files: 'private, no-store').
 */
export function setDownloadHeaders(
  reply: FastifyReply,
  fileName: string,
  contentType: string,
  opts: { inline?: boolean; cacheControl?: string } = {},
): FastifyReply {
  reply.header('content-type', contentType);
  reply.header('content-disposition', contentDisposition(fileName, opts.inline));
  if (opts.cacheControl) reply.header('cache-control', opts.cacheControl);
  return reply;
}
