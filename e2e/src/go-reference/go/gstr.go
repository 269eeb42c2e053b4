package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// GStr is a string of the neutral form. JavaScript strings may hold lone surrogates, which katamon treats
// as Go treats invalid UTF-8; json.Unmarshal would turn their `\udXXX` escapes into a valid U+FFFD, so
// GStr decodes the literal itself and turns each lone surrogate into the invalid byte 0xFF.
type GStr string

func (g *GStr) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("not a string: %s", b)
	}
	s := b[1 : len(b)-1]
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		switch s[i] {
		case 'u':
			r := hex4(s[i+1 : i+5])
			i += 4
			if r >= 0xd800 && r < 0xdc00 && i+6 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
				if r2 := hex4(s[i+3 : i+7]); r2 >= 0xdc00 && r2 < 0xe000 {
					out = utf8.AppendRune(out, (r-0xd800)<<10+(r2-0xdc00)+0x10000)
					i += 6
					continue
				}
			}
			if r >= 0xd800 && r < 0xe000 {
				out = append(out, 0xff)
			} else {
				out = utf8.AppendRune(out, r)
			}
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		default: // " \ /
			out = append(out, s[i])
		}
	}
	*g = GStr(out)
	return nil
}

func hex4(b []byte) rune {
	v, _ := strconv.ParseUint(string(b), 16, 32)
	return rune(v)
}

// entries is a Map of the neutral form: an array of [key, value] pairs, so keys keep lone surrogates.
type entries[V any] []entry[V]

type entry[V any] struct {
	K GStr
	V V
}

func (e *entry[V]) UnmarshalJSON(b []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil {
		return err
	}
	if len(pair) != 2 {
		return fmt.Errorf("map entry is not a pair: %s", b)
	}
	if err := json.Unmarshal(pair[0], &e.K); err != nil {
		return err
	}
	return json.Unmarshal(pair[1], &e.V)
}
