import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script `name` that sits beside the module at `callerUrl` (its
 * `import.meta.url`): from the bundle, `dist/<name>.js` (each built by scripts/build.mjs); from the
 * sources, as the tests run, `<name>.ts` through tsx's loader (a worker does not inherit the loader
 * of the thread that starts it).
 */
export function startWorkerScript(callerUrl: string, name: string, workerData?: unknown): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  const script = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(
    `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`,
    { eval: true, workerData },
  );
}
