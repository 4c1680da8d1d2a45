import type { ChatMessage } from './chat-message.ts';

export interface SavedConversation {
  messages: ChatMessage[];
  open: boolean;
}

/** Keeps the conversation in sessionStorage: it survives a reload in this tab and ends with it. */
export function createConversationStorage(endpoint: string) {
  const key = `commentary-chat:v1:${endpoint}`;
  return {
    load(): SavedConversation | undefined {
      try {
        const saved = JSON.parse(sessionStorage.getItem(key) ?? 'null') as SavedConversation | null;
        if (!saved || !Array.isArray(saved.messages)) return undefined;
        // An answer cut off by the reload is kept, but marked as interrupted.
        for (const message of saved.messages) {
          if (message.role === 'assistant' && message.status === 'streaming') {
            message.status = 'error';
            message.errorText = 'This answer was interrupted.';
          }
        }
        return saved;
      } catch {
        return undefined;
      }
    },
    save(conversation: SavedConversation): void {
      try {
        sessionStorage.setItem(key, JSON.stringify(conversation));
      } catch {
        // Storage full or blocked (private mode, sandboxed frame): the chat still works, it just won't survive a reload.
      }
    },
    clear(): void {
      try {
        sessionStorage.removeItem(key);
      } catch {
        // Same as above.
      }
    },
  };
}
