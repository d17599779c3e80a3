/**
 * Node flags WASI (the embedded flite engine) as experimental in every thread that loads it: noise
 * to a user, who can do nothing about it. Other warnings still reach Node's own printer.
 */
export function hideWasiWarning(): void {
  const defaultListeners = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'ExperimentalWarning' && warning.message.includes('WASI')) return;
    for (const listener of defaultListeners) listener(warning);
  });
}
