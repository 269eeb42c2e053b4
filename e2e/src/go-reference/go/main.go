// Command goreference prints what Go itself prints, for katamon's differential tests.
//
//	goreference kata|runc   stdin: one neutral-model event per line; stdout: json.Encoder output per line
//	goreference duration    stdin: {"parse":"…"} or {"format":"<ns>"} per line; stdout: one JSON result per line
//
// A line Go cannot handle yields `ERROR <message>` so the caller sees which input failed.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goreference kata|runc|duration")
		os.Exit(2)
	}
	mode := os.Args[1]
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 256<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var err error
		switch mode {
		case "kata", "runc":
			err = encodeEvent(enc, in.Bytes(), mode)
		case "duration":
			err = duration(enc, in.Bytes())
		default:
			err = fmt.Errorf("unknown mode %q", mode)
		}
		if err != nil {
			fmt.Fprintf(out, "ERROR %s\n", err)
		}
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func encodeEvent(enc *json.Encoder, line []byte, mode string) error {
	var m mEvent
	if err := json.Unmarshal(line, &m); err != nil {
		return err
	}
	ev := event{Type: m.Type, ID: string(m.ID)}
	if m.Type == "stats" {
		var st *mStats
		if err := json.Unmarshal(m.Data, &st); err != nil {
			return err
		}
		// A typed nil pointer in the interface: `"data":null`, as in runc and kata.
		if mode == "kata" {
			ev.Data = toKata(st)
		} else {
			ev.Data = toRunc(st)
		}
	}
	return enc.Encode(ev)
}

type durationResult struct {
	OK  bool   `json:"ok"`
	Ns  string `json:"ns,omitempty"`
	Err string `json:"err,omitempty"`
	Str string `json:"str,omitempty"`
}

func duration(enc *json.Encoder, line []byte) error {
	var req struct {
		Parse  *string `json:"parse"`
		Format *string `json:"format"`
	}
	if err := json.Unmarshal(line, &req); err != nil {
		return err
	}
	if req.Format != nil {
		n, err := strconv.ParseInt(*req.Format, 10, 64)
		if err != nil {
			return err
		}
		return enc.Encode(durationResult{OK: true, Str: time.Duration(n).String()})
	}
	if req.Parse == nil {
		return fmt.Errorf("no parse or format")
	}
	d, err := time.ParseDuration(*req.Parse)
	if err != nil {
		return enc.Encode(durationResult{Err: err.Error()})
	}
	return enc.Encode(durationResult{OK: true, Ns: strconv.FormatInt(int64(d), 10)})
}
