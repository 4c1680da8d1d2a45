// Test-only browser entry: the widget's own parsing and rendering modules, exposed for a page to call.
export { applyChunk } from '../../../src/widget/chat-message.ts';
export { readUiMessageChunks } from '../../../src/widget/parse-ui-message-stream.ts';
export { renderAnswerBody } from '../../../src/widget/render-answer.ts';
