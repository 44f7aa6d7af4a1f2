import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DEFAULT_MAX_BYTES, EVENT_NAMES, isOperationName, operations } from '../../shared/api/contract.js';
import { apiError, type ApiError, type Envelope } from '../../shared/api/errors.js';
import type { Core } from '../core/index.js';
import { CONTENT_SECURITY_POLICY } from '../core/csp.js';

export const API_PREFIX = '/api/';
export const MAX_REQUEST_BYTES = DEFAULT_MAX_BYTES;

/** How often an open event stream hears from the host when nothing happens. */
const HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const STATUS: Record<ApiError['code'], number> = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  unknown_operation: 404,
  too_large: 413,
  not_found: 404,
  gone: 410,
  too_new: 409,
  unavailable: 503,
  disk_full: 507,
  read_only: 503,
  pdf_unavailable: 501,
  internal: 500,
};

export interface HostServer {
  readonly url: string;
  /** The URL a person opens: it carries the per-launch token. */
  readonly launchUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface HostServerOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** 0 = a random free port. */
  port?: number;
  token?: string;
}

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(data);
}

function sendError(res: http.ServerResponse, error: ApiError) {
  const envelope: Envelope<never> = { ok: false, error };
  sendJson(res, STATUS[error.code], envelope);
}

/**
 * The body, or 'too_large' past the limit. An oversized body is still read to its end (and
 * dropped): answering while the client is still sending makes it see a reset, not the 413.
 */
async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? 'too_large' : Buffer.concat(chunks);
}

/**
 * The browser host: the built renderer and the API on 127.0.0.1 only. Every API call needs the
 * per-launch token; the Host header must name this server (DNS rebinding) and an Origin, when a
 * browser sends one, must be this server's own.
 */
export async function startHostServer(options: HostServerOptions): Promise<HostServer> {
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const staticDir = path.resolve(options.staticDir);
  let allowedHosts: Set<string> = new Set();
  let allowedOrigins: Set<string> = new Set();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) sendError(res, apiError('internal', 'request failed'));
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!allowedHosts.has(req.headers.host ?? '')) {
      return sendError(res, apiError('forbidden', 'unexpected Host header'));
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      return sendError(res, apiError('forbidden', 'foreign Origin'));
    }
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (url.pathname.startsWith(API_PREFIX)) return handleApi(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    return serveStatic(res, url.pathname, req.method === 'HEAD');
  }

  function authorised(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    return !!match?.[1] && safeEqual(match[1], token);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (!authorised(req)) return sendError(res, apiError('unauthorized', 'missing or wrong token'));
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
    } catch {
      return sendError(res, apiError('unknown_operation', 'malformed operation name'));
    }
    if (name === 'events' && req.method === 'GET') return streamEvents(req, res);
    if (req.method !== 'POST') {
      return sendError(res, apiError('invalid_request', 'API calls are POST requests'));
    }
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
      return sendError(res, apiError('invalid_request', 'the body must be application/json'));
    }
    const limit = isOperationName(name) ? operations[name].maxBytes : MAX_REQUEST_BYTES;
    const body = await readBody(req, limit);
    if (body === 'too_large') return sendError(res, apiError('too_large', 'request body too large'));
    let request: unknown;
    try {
      request = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, apiError('invalid_request', 'the body is not JSON'));
    }
    const envelope = await options.core.dispatch(name, request);
    if (envelope.ok) return sendJson(res, 200, envelope);
    return sendError(res, envelope.error);
  }

  function streamEvents(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = options.core.events.subscribe((name, payload) => {
      if (EVENT_NAMES.includes(name)) res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    // A comment now and then: a connection that broke unnoticed fails a write and is closed, and the page reconnects.
    const heartbeat = setInterval(() => res.write(': alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  async function serveStatic(res: http.ServerResponse, pathname: string, headOnly: boolean) {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = path.resolve(staticDir, `.${relative}`);
    if (!file.startsWith(staticDir + path.sep) || relative.includes('\0')) {
      res.writeHead(404).end();
      return;
    }
    let data: Buffer;
    try {
      data = await fs.promises.readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': path.extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
    });
    res.end(headOnly ? undefined : data);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    launchUrl: `${url}?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
