import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import type { FeedbackRecord, FeedbackStore, QuestionRecord } from './feedback-store.ts';

interface FeedbackRow {
  id: string;
  created_at: string;
  question: string;
  answer: string;
  citations: string;
  verdict: 'up' | 'down';
  comment: string | null;
  outcome: 'answered' | 'not_found' | null;
}

/**
 * The default feedback store: one SQLite file (Node's built-in `node:sqlite`, no native addon).
 * Every write is committed before the promise resolves, so a restart loses nothing.
 */
export function createSqliteFeedbackStore(options: { path: string; now?: () => Date }): FeedbackStore {
  const now = options.now ?? (() => new Date());
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const database = new DatabaseSync(options.path);
  // Several processes (server, report CLI, parallel tests) may open the same file.
  database.exec('PRAGMA busy_timeout = 5000');
  database.exec('PRAGMA journal_mode = WAL');
  // With WAL, NORMAL still survives a process crash; only a power loss may drop the last commits.
  database.exec('PRAGMA synchronous = NORMAL');
  database.exec(`
    CREATE TABLE IF NOT EXISTS feedback (
      id TEXT PRIMARY KEY,
      created_at TEXT NOT NULL,
      question TEXT NOT NULL,
      answer TEXT NOT NULL,
      citations TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('up', 'down')),
      comment TEXT,
      outcome TEXT
    );
    CREATE TABLE IF NOT EXISTS questions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      created_at TEXT NOT NULL,
      question TEXT NOT NULL,
      outcome TEXT NOT NULL,
      engine TEXT NOT NULL
    );
  `);
  const insertFeedback = database.prepare(
    'INSERT INTO feedback (id, created_at, question, answer, citations, verdict, comment, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const selectFeedback = database.prepare('SELECT * FROM feedback ORDER BY created_at, rowid');
  const insertQuestion = database.prepare('INSERT INTO questions (created_at, question, outcome, engine) VALUES (?, ?, ?, ?)');
  const selectQuestions = database.prepare('SELECT created_at, question, outcome, engine FROM questions ORDER BY id');

  return {
    kind: 'sqlite',
    async addFeedback(input) {
      const record: FeedbackRecord = { ...input, id: randomUUID(), createdAt: now().toISOString() };
      insertFeedback.run(
        record.id,
        record.createdAt,
        record.question,
        record.answer,
        JSON.stringify(record.citations),
        record.verdict,
        record.comment ?? null,
        record.outcome ?? null,
      );
      return record;
    },
    async listFeedback() {
      return (selectFeedback.all() as unknown as FeedbackRow[]).map((row) => ({
        id: row.id,
        createdAt: row.created_at,
        question: row.question,
        answer: row.answer,
        citations: JSON.parse(row.citations),
        verdict: row.verdict,
        ...(row.comment ? { comment: row.comment } : {}),
        ...(row.outcome ? { outcome: row.outcome } : {}),
      }));
    },
    async addQuestion(record) {
      insertQuestion.run(now().toISOString(), record.question, record.outcome, record.engine);
    },
    async listQuestions() {
      return (selectQuestions.all() as unknown as Array<{ created_at: string; question: string; outcome: QuestionRecord['outcome']; engine: string }>).map(
        (row) => ({ createdAt: row.created_at, question: row.question, outcome: row.outcome, engine: row.engine }),
      );
    },
    async close() {
      if (database.isOpen) database.close();
    },
  };
}
