import { useRef, useSyncExternalStore } from 'react';

/**
 * A value held outside React state. Components subscribe to what they show
 * of it, and re-render only when that changes: the builder keeps the draft
 * here, which a drag changes on every frame, and the nodes' decorations,
 * which each of 300 nodes reads its own part of.
 */
export class ValueStore<T> {
  private readonly listeners = new Set<() => void>();

  constructor(private value: T) {}

  get = (): T => this.value;

  set(next: T): void {
    if (next === this.value) return;
    this.value = next;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
}

/** The whole value: re-renders on every change. */
export function useStoreValue<T>(store: ValueStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}

/**
 * What `select` reads of the value; the component re-renders only when that
 * changes by `isEqual`. `select` may close over the component's state: it
 * runs again on every render as well as on every change of the value.
 */
export function useSelectedValue<T, S>(
  store: ValueStore<T>,
  select: (value: T) => S,
  isEqual: (a: S, b: S) => boolean = Object.is,
): S {
  const last = useRef<{ selected: S } | null>(null);
  const snapshot = () => {
    const selected = select(store.get());
    const previous = last.current;
    if (previous && isEqual(previous.selected, selected)) return previous.selected;
    last.current = { selected };
    return selected;
  };
  return useSyncExternalStore(store.subscribe, snapshot);
}
