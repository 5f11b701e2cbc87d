// Shapes of the console API (docs/console-api.md). Kept in one place so a contract change is
// one edit.

export interface KeyInfo {
  id: string;
  alias?: string | null;
  team?: string | null;
  master?: boolean;
  models?: string[] | null;
  expires_at?: number | null;
}

export interface SessionState {
  signed_in: boolean;
  auth_required: boolean;
  csrf_token?: string;
  key?: KeyInfo;
}

export interface ModelPrice {
  input_per_million: number;
  output_per_million: number;
  cached_input_per_million: number | null;
}

export interface ModelInfo {
  id: string;
  providers: string[];
  deployments: number;
  price: ModelPrice | null;
  vision: boolean;
  reasoning: boolean;
  embeddings: boolean;
}

export interface Budget {
  usd: number;
  period: string;
  spent_usd: number;
  remaining_usd: number;
  resets_at: number | null;
}

export interface Account {
  key: KeyInfo;
  budget: Budget | null;
  team_budget: Budget | null;
  limits: { rpm: number | null; tpm: number | null; max_parallel: number | null };
}

export interface ChatSettings {
  temperature?: number;
  max_tokens?: number;
  reasoning_effort?: 'low' | 'medium' | 'high';
}

export interface ConversationSummary {
  id: string;
  title: string | null;
  model: string | null;
  created_at: number;
  updated_at: number;
  message_count: number;
  cost_usd: number | null;
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  next: string | null;
}

export type Attachment =
  | { kind: 'image'; media_type: string; data_url: string }
  | { kind: 'text'; name: string; text: string };

export type MessageStatus = 'complete' | 'streaming' | 'incomplete' | 'error';

export interface Usage {
  prompt_tokens: number;
  cached_tokens: number;
  completion_tokens: number;
  reasoning_tokens: number;
}

export interface MessageError {
  status: number;
  code: string;
  message: string;
}

export interface Message {
  id: string;
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  reasoning: string | null;
  attachments: Attachment[];
  model: string | null;
  status: MessageStatus;
  error: MessageError | null;
  request_id: string | null;
  usage: Usage | null;
  cost_usd: number | null;
  cost_nanos: number | null;
  ttft_ms: number | null;
  total_ms: number | null;
  deployment: string | null;
  created_at: number;
}

export interface Conversation {
  id: string;
  title: string | null;
  model: string | null;
  system_prompt: string | null;
  settings: ChatSettings;
  active_leaf: string | null;
  created_at: number;
  updated_at: number;
  cost_usd: number | null;
  messages: Message[];
}

export interface SearchResult {
  conversation_id: string;
  message_id: string;
  title: string | null;
  snippet: string;
  created_at: number;
}

export interface Preset {
  id: string;
  name: string;
  prompt: string;
}

export interface Preferences {
  presets?: Preset[];
  title_model?: string | null;
  default_model?: string | null;
}

export interface NewMessage {
  parent_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  attachments?: Attachment[];
  model?: string | null;
  status?: MessageStatus;
}

export interface MessagePatch {
  content?: string;
  reasoning?: string | null;
  status?: MessageStatus;
  error?: MessageError | null;
  request_id?: string;
}

export interface ConversationPatch {
  title?: string | null;
  model?: string | null;
  system_prompt?: string | null;
  settings?: ChatSettings;
  active_leaf?: string | null;
}
