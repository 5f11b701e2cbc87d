// The smallest store that works with Preact: a value, and listeners told when it changes.
import { useEffect, useState } from 'preact/hooks';

export class Observable<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private value: T) {}

  get(): T {
    return this.value;
  }

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of this.listeners) listener(value);
  }

  update(change: (value: T) => T): void {
    this.set(change(this.value));
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export function useObservable<T>(observable: Observable<T>): T {
  const [, setTick] = useState(0);
  useEffect(() => {
    // The value may have changed between render and subscription.
    let last = observable.get();
    setTick((t) => t + 1);
    return observable.subscribe((value) => {
      if (!Object.is(value, last)) {
        last = value;
        setTick((t) => t + 1);
      }
    });
  }, [observable]);
  return observable.get();
}
