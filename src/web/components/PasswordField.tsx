import { PasswordInput, type PasswordInputProps } from '@mantine/core';

export type PasswordFieldProps = PasswordInputProps;

/**
 * A password input whose show/hide toggle is named without the word "password", so the field is
 * the only thing its label finds (for screen-reader users and for tests alike).
 */
export function PasswordField(props: PasswordFieldProps) {
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the characters typed' }} {...props} />;
}
