/** Turns texts into vectors. `id` names the model, so a persisted index is only reused with the same one. */
export interface Embedder {
  id: string;
  dimensions: number;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}
