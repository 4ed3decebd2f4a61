// A manager's read from the core, asked again whenever what it is asked for changes: the answer, or the core's words
// for why not (and a lock by main meanwhile sends the screens back to the PIN pad). An answer that arrives after the
// question changed is dropped.
import { useEffect, useState } from 'react';
import type { CoreText } from '../common/core-text.ts';
import { noteIfLocked } from '../stores/manager-store.ts';
import type { Result } from '../types.ts';

export function useManagerAnswer<T, Q>(question: Q, ask: (question: Q) => Promise<Result<T>>): { answer: T | null; problem: CoreText | null } {
  const [answer, setAnswer] = useState<T | null>(null);
  const [problem, setProblem] = useState<CoreText | null>(null);
  useEffect(() => {
    let current = true;
    setAnswer(null);
    void ask(question).then((result) => {
      if (!current) return;
      if (result.ok) {
        setAnswer(result.value);
        setProblem(null);
      } else {
        noteIfLocked(result.error);
        setProblem(result.error);
      }
    });
    return () => {
      current = false;
    };
    // `ask` is the same call on every render: only a new question is asked again.
  }, [question]);
  return { answer, problem };
}
