import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

//
// The built browser client (J2), served from memory. The whole build is a few files of some
// tens of kilobytes, so it is read once at start-up, with the brotli and gzip copies the build
// made (`name.br`, `name.gz`, at the strongest levels); a file without them is compressed once, at
// its first request, at a quick level. A request then costs a map lookup and a write.
//

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};
/** Worth compressing: text. Images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.webmanifest']);
/** Vite names the files of `assets/` by their content hash: they never change, so they are cached for good. */
const IMMUTABLE_PREFIX = '/assets/';

interface StaticFile {
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
  readonly identity: Buffer;
  readonly compressible: boolean;
  /** From the build, or made at the first request that accepts them. */
  br?: Buffer;
  gzip?: Buffer;
}

/** The files of one build directory by URL path (`/`, `/assets/index-3f2a.js`, …). */
export class StaticSite {
  readonly #files = new Map<string, StaticFile>();

  /** Reads every file under `root`; `root/index.html` answers `/`. */
  constructor(root: string) {
    const paths = listFiles(root);
    const present = new Set(paths);
    for (const path of paths) {
      if (path.endsWith('.br') || path.endsWith('.gz')) continue;
      const url = `/${relative(root, path).split(sep).join('/')}`;
      const file = load(path, url);
      if (file.compressible && present.has(`${path}.br`)) file.br = readFileSync(`${path}.br`);
      if (file.compressible && present.has(`${path}.gz`)) file.gzip = readFileSync(`${path}.gz`);
      this.#files.set(url, file);
    }
    const index = this.#files.get('/index.html');
    if (index !== undefined) this.#files.set('/', index);
  }

  /** The number of files served (the `/` alias not counted twice). */
  get size(): number {
    return this.#files.size - (this.#files.has('/') ? 1 : 0);
  }

  /**
   * Answers a GET or HEAD of `path` if it is a file of the site: the best encoding the client
   * accepts (brotli, then gzip), `304` when its ETag still matches. False when there is no such file.
   */
  serve(path: string, request: http.IncomingMessage, response: http.ServerResponse): boolean {
    const file = this.#files.get(path);
    if (file === undefined) return false;
    const headers: http.OutgoingHttpHeaders = {
      'content-type': file.type,
      'cache-control': file.cacheControl,
      etag: file.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    };
    if (request.headers['if-none-match'] === file.etag) {
      response.writeHead(304, headers).end();
      return true;
    }
    const accepted = String(request.headers['accept-encoding'] ?? '');
    let body = file.identity;
    if (file.compressible && /\bbr\b/.test(accepted)) {
      file.br ??= brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } });
      body = file.br;
      headers['content-encoding'] = 'br';
    } else if (file.compressible && /\bgzip\b/.test(accepted)) {
      file.gzip ??= gzipSync(body, { level: 6 });
      body = file.gzip;
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  }
}

function listFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

function load(path: string, url: string): StaticFile {
  const identity = readFileSync(path);
  const extension = extname(path);
  return {
    type: TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
    // Hashed assets forever; anything else (index.html) revalidated at every load, so a new
    // build is picked up at once.
    cacheControl: url.startsWith(IMMUTABLE_PREFIX) ? 'public, max-age=31536000, immutable' : 'no-cache',
    identity,
    compressible: COMPRESSIBLE.has(extension) && identity.length >= 256,
  };
}
