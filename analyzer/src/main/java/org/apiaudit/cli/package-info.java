/**
 * The command line: one {@code XxxCommand} class per verb, shared options as mixins
 * ({@code IndexOptions}, {@code OutputOptions}, {@code KeyOptions}, ...), and the one mapping
 * of exceptions to exit codes ({@link org.apiaudit.cli.UserErrorHandler}).
 *
 * <p>A command parses its options, calls one service of another package and turns the result
 * into output and an exit code ({@link org.apiaudit.ExitCodes}); it holds no analysis. Errors go
 * to stderr, data to stdout. This is the top of the dependency graph: it may use every package,
 * and none may use it. Entry point: {@link org.apiaudit.cli.Main}, the only caller of
 * {@link System#exit}.
 */
package org.apiaudit.cli;
