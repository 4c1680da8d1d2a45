/**
 * The process's place between start and exit, shared by the readiness check and the shutdown code:
 * once draining begins the instance reports not ready so load balancers stop sending it work.
 */
export interface Lifecycle {
  readonly draining: boolean;
  beginDraining(): void;
}

export function createLifecycle(): Lifecycle {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    beginDraining() {
      draining = true;
    },
  };
}
