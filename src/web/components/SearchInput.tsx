import { useEffect, useRef, useState } from 'react';
import { CloseButton, Kbd, TextInput } from '@mantine/core';
import { useDebouncedCallback, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';

export interface SearchInputProps {
  /** The accessible name, e.g. "Search clients". */
  label: string;
  placeholder: string;
  value: string;
  /** Called (debounced) with the new search text. */
  onChange: (value: string) => void;
  width?: number | string;
}

/** The page's search box; `/` focuses it from anywhere on the page, Escape clears it. */
export function SearchInput({ label, placeholder, value, onChange, width = 320 }: SearchInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const handleDebouncedChange = useDebouncedCallback(onChange, 250);

  useEffect(() => {
    setText(value);
  }, [value]);

  useHotkeys([['/', () => inputRef.current?.focus()]]);

  function handleChange(next: string) {
    setText(next);
    handleDebouncedChange(next);
  }

  function handleClear() {
    setText('');
    onChange('');
    inputRef.current?.focus();
  }

  return (
    <TextInput
      ref={inputRef}
      type="search"
      aria-label={label}
      placeholder={placeholder}
      value={text}
      w={width}
      leftSection={<IconSearch size={16} aria-hidden="true" />}
      rightSectionWidth={text ? 36 : 40}
      rightSection={
        text ? (
          <CloseButton size="sm" aria-label="Clear search" onClick={handleClear} />
        ) : (
          <Kbd size="xs" aria-hidden="true">
            /
          </Kbd>
        )
      }
      onChange={(event) => handleChange(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && text) {
          event.preventDefault();
          handleClear();
        }
      }}
    />
  );
}
