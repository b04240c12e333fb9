/** The one IPC channel name; the contract channel travels as its first argument. */
export const IPC_CHANNEL = 'appraisal:invoke';
