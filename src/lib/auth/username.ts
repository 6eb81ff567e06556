/**
 * What a username may look like: lower-case letters, digits, dots, hyphens, underscores; 2–40
 * characters, starting with a letter or digit. One rule for creating users and for log-ins.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** The form a typed username is compared in: trimmed, lower case. */
export const usernameKey = (typed: string): string => typed.trim().toLowerCase();

export const isUsernameShaped = (key: string): boolean => USERNAME_PATTERN.test(key);
