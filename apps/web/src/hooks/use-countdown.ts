import { useEffect, useState } from 'react';

/** Whole seconds left until `startedAt + seconds`, re-rendering as it ticks down to 0. */
export function useCountdown(seconds: number | null, startedAt: number): number {
  const endsAt = seconds === null ? 0 : startedAt + seconds * 1000;
  const [, setTick] = useState(0);
  const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));

  useEffect(() => {
    if (endsAt <= Date.now()) return;
    const timer = setInterval(() => {
      setTick((tick) => tick + 1);
      if (endsAt <= Date.now()) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [endsAt]);

  return left;
}
