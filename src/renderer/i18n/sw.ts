import { en, type MessageKey } from './en';

// placeholder until the Kiswahili translation lands (replaced by the issue19-swahili branch)
export const sw: Record<MessageKey, string> = { ...en };
