/**
 * Work a turn starts but does not wait for (the new-referral alert). Kept track of so that shutting
 * down lets it finish before the store is closed, and so that tests can wait until it is done.
 */
export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  /** Starts `task` now; its failure is the task's own business (it logs), never the caller's. */
  run(task: () => Promise<unknown>): void {
    const p: Promise<void> = task()
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Resolves once nothing is running, including tasks started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
