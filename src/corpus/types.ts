export interface DocumentMetadata {
  id: string;
  title: string;
  author: string;
  authorRole?: string;
  publisher?: string;
  /** The publisher's disclaimer, verbatim as it stands in the text. */
  disclaimer?: string;
}

export interface CorpusDocument extends DocumentMetadata {
  /** The served text: every offset indexes into it. */
  text: string;
}

export type ChunkKind = 'passage' | 'sentence';

/** A span of a document with its provenance. `text === document.text.slice(start, end)` always holds. */
export interface Chunk {
  id: string;
  docId: string;
  kind: ChunkKind;
  /** Passage number within the document, from 0. */
  passage: number;
  /** Sentence number within its passage, from 0; -1 for a passage chunk. */
  sentence: number;
  start: number;
  end: number;
  text: string;
  /** True for the publisher's disclaimer, which is policy, not content. */
  isDisclaimer: boolean;
}

export interface Corpus {
  documents: CorpusDocument[];
  chunks: Chunk[];
  /** A stable fingerprint of every document's text and metadata. */
  hash: string;
  /** Problems found while loading, each naming its file; the other documents still load. */
  problems: string[];
}
