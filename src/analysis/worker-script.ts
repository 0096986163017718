import { Worker } from 'node:worker_threads';

/**
 * Starts the worker script `name` that sits beside the module at `callerUrl` (its
 * `import.meta.url`): from the bundle, `dist/<name>.js` (each built by scripts/build.mjs); from the
 * sources, as the tests run, `<name>.ts` through tsx's loader (a worker does not inherit the loader
 * of the thread that starts it). The worker never keeps the process alive (the server does), and
 * `lost` hears of its death: an uncaught error, then its exit (the caller tells the two apart from
 * an ordinary `terminate` by whether it still holds that worker).
 */
export function startWorkerScript(
  callerUrl: string,
  name: string,
  workerData: unknown,
  lost: (worker: Worker, error: Error) => void,
): Worker {
  const worker = callerUrl.endsWith('.ts')
    ? new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL(`./${name}.ts`, callerUrl).href)}); });`,
        { eval: true, workerData },
      )
    : new Worker(new URL(`./${name}.js`, callerUrl), { workerData });
  worker.unref();
  worker.on('error', (error) => lost(worker, error));
  worker.on('exit', (code) => lost(worker, new Error(`the thread of ${name} exited (${code})`)));
  return worker;
}
