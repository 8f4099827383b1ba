// Quiet tests: warnings and errors only, unless LOG_LEVEL asks for more.
process.env.LOG_LEVEL ??= 'warn';
