/**
 * Citizens' data: the case key ({@link org.apiaudit.privacy.CaseKey}: where it lives, by default
 * {@code <index>.key} beside the index, and how it is created), keyed HMAC pseudonyms
 * ({@link org.apiaudit.privacy.Pseudonymizer}) and the masking of identifiers inside any text
 * taken from a log ({@link org.apiaudit.privacy.IdentifierMasker}).
 *
 * <p>Uses only the root package, so that every layer can pseudonymise or mask without pulling
 * in another. Entry point: {@link org.apiaudit.privacy.CaseKey#resolve}, then a
 * {@link org.apiaudit.privacy.Pseudonymizer} on the loaded key.
 */
package org.apiaudit.privacy;
