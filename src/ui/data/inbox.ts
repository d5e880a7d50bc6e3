// Messages from the data worker, handled one per event-loop turn. Node hands over every message that has piled
// up on a port in one go; a refresh's chunks handled back to back would be one long stall, with keys and timers
// waiting behind all of them.

export class Inbox<T> {
  private readonly queue: T[] = [];

  constructor(private readonly handle: (m: T) => void) {}

  push(m: T): void {
    this.queue.push(m);
    if (this.queue.length === 1) setImmediate(this.next);
  }

  private readonly next = (): void => {
    const m = this.queue.shift()!;
    if (this.queue.length) setImmediate(this.next);
    this.handle(m);
  };
}
