# cwh's messages in English (the default). Every key here is in ja.ftl too, with the same
# placeholders (tests/i18n.rs). Terms follow the VCP notebooks.

## Values, in words (never Rust or Rhai type names)
value-number = a whole number
value-decimal = a number
value-text = text
value-list = a list
value-map = a set of named values
value-bool = true or false
value-nothing = nothing
value-any = any value
value-function = a function
value-time = a time
value-empty = nothing (an empty value)
got-empty-paren = got an empty value (
got-empty-quoted = got an empty value ("")
rhai-no-property = { $what } has no property or method "{ $property }" (`cwh doc` lists what it has)

## Invisible or easily mistaken characters in a value
invisible-fullwidth = it contains full-width characters ({ $chars }): type them half-width, as { $half }
invisible-ideographic-space = it contains a full-width space
invisible-bom = it starts with an invisible byte-order mark (BOM): save the file as UTF-8 without BOM
invisible-tab = it contains a tab
invisible-newline = it contains a line break
invisible-nbsp = it contains a non-breaking space
invisible-zero-width = it contains an invisible zero-width space
invisible-trailing-space = it ends with a space
invisible-leading-space = it starts with a space

## Parameter prompts
prompt-head = { $name }: { $about }
prompt-head-bare = { $name }: the script asks for this parameter
prompt-expected = expected: { $expected }
prompt-no-default = no default and no saved value: type one (asked at { $at })
prompt-no-default-bare = no default and no saved value: type one
prompt-retry = Type it again (Ctrl-C stops the run).
prompt-closed = the input was closed before an answer was typed
expect-number-min = a whole number, at least { $min }
expect-one-of = one of { $choices }
expect-ipv4 = an IPv4 address, such as 172.30.2.100
expect-path = a file path, such as ~/.ssh/id_rsa
expect-any = a value (3 is a number, true or false a yes/no, [a, b] a list, anything else text)
answer-empty = { $name } has no default: an answer is needed.
answer-unreadable = { $name }: this answer cannot be read ({ $problem }); put text in quotes: "…"
answer-need-number = { $name } needs a whole number, at least { $min }: you typed { $typed }
answer-too-small = { $name } must be at least { $min }: you typed { $typed }
answer-not-choice = { $name } must be one of { $choices }: you typed { $typed }
answer-not-ipv4 = { $name } needs an IPv4 address such as 172.30.2.100: you typed { $typed }
answer-not-path = { $name } needs a file path such as ~/.ssh/id_rsa: you typed { $typed }
