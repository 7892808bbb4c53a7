import { gzipSync } from 'zlib';
import express from 'express';

/** Smaller bodies go as they are: compressing them costs more than it saves. */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Sends a JSON body, gzipped at level 1 when the client accepts gzip. The
 * backend's root router would gzip it anyway, at level 6 and through a
 * stream: for a ranking page of about 30 KB that was the largest share of
 * the plugin's own CPU per request under load (about 0.7 ms at level 6
 * against 0.2 ms at level 1, for a body a few per cent larger). A body
 * already encoded is passed on as it is by the root router's compression.
 */
export function sendJson(
  req: express.Request,
  res: express.Response,
  status: number,
  body: unknown,
): void {
  const json = Buffer.from(JSON.stringify(body) ?? 'null', 'utf8');
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.vary('Accept-Encoding');
  if (
    json.length >= COMPRESS_FROM_BYTES &&
    req.acceptsEncodings('gzip', 'identity') === 'gzip'
  ) {
    const gzipped = gzipSync(json, { level: 1 });
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', gzipped.length);
    res.end(gzipped);
    return;
  }
  res.setHeader('Content-Length', json.length);
  res.end(json);
}
