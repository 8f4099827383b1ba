import { Initial1795712836587 } from './1795712836587-Initial';

// Every migration, in order. Reviewed by a human before commit (STYLE.md D6).
export const MIGRATIONS = [Initial1795712836587];
