/**
 * Everything a benchmark run starts (processes, databases, Redis keys, temp
 * directories) is registered in a scope and undone in reverse order when the
 * run ends, fails, times out, or the user presses Ctrl-C.
 */
const openScopes = new Set();

export class CleanupScope {
  #tasks = [];
  #closing;
  /** The processes started in this scope (lib/processes.mjs), for their peak RSS. */
  processes = [];

  constructor() {
    openScopes.add(this);
  }

  /** Registers `undo` to run when the scope closes; answers a function that runs it early. */
  defer(label, undo) {
    const task = { label, undo, done: false };
    this.#tasks.push(task);
    return async () => {
      if (task.done) return;
      task.done = true;
      await undo();
    };
  }

  /** Undoes everything, last first, once: a second caller (the signal handler) waits for the same pass. */
  close() {
    this.#closing ??= this.#undoAll();
    return this.#closing;
  }

  async #undoAll() {
    openScopes.delete(this);
    while (this.#tasks.length > 0) {
      const task = this.#tasks.pop();
      if (task.done) continue;
      task.done = true;
      try {
        await task.undo();
      } catch (error) {
        console.error(`bench: cleaning up ${task.label} failed: ${error.message}`);
      }
    }
  }
}

let signalled;

/** The cleanup a signal started, if one did: the run must not exit before it ends. */
export const signalCleanup = () => signalled;

/** Ctrl-C or SIGTERM: close every open scope, then exit. A second signal exits at once. */
export function closeScopesOnSignal() {
  const onSignal = (signal) => {
    if (signalled) process.exit(130);
    console.error(`\nbench: ${signal}, stopping what the benchmark started...`);
    signalled = Promise.allSettled([...openScopes].map((scope) => scope.close()));
    signalled.then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
