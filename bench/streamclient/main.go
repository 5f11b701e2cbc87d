// streamclient opens concurrent OpenAI-style SSE streams and reports their timing as one line.
//
//	streamclient -url URL -model M -n 32 -duration 10s           loop: n workers open streams back to back
//	streamclient -url URL -model M -n 10000 -hold -timeout 120s  hold: n streams at once, each read to the end
//
// Printed on stdout: "STREAMS key=value ..." with the stream counts, time to first byte (request
// sent to first SSE event) and per-chunk inter-arrival percentiles in microseconds.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type result struct {
	ttfb   time.Duration
	gaps   []time.Duration // between consecutive SSE events
	chunks int
	err    error
}

type options struct {
	url, model, key string
	minChunks       int
	headers         headerList
}

// headerList is a repeatable -H "Name: value" flag.
type headerList []string

func (h *headerList) String() string     { return strings.Join(*h, ", ") }
func (h *headerList) Set(v string) error { *h = append(*h, v); return nil }

var (
	open      atomic.Int64 // streams whose first event has arrived and that have not ended
	openPeak  atomic.Int64
	errorsMu  sync.Mutex
	errorSeen = map[string]bool{}
)

func reportError(err error) {
	errorsMu.Lock()
	defer errorsMu.Unlock()
	if msg := err.Error(); !errorSeen[msg] && len(errorSeen) < 5 {
		errorSeen[msg] = true
		fmt.Fprintln(os.Stderr, "streamclient:", msg)
	}
}

// stream sends one request and reads its SSE events to [DONE]; opened (if not nil) is called at the first event.
func stream(ctx context.Context, c *http.Client, o options, opened func()) (r result) {
	body := fmt.Sprintf(`{"model":%q,"messages":[{"role":"user","content":"hello there"}],"stream":true}`, o.model)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.url, strings.NewReader(body))
	if err != nil {
		return result{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+o.key)
	for _, h := range o.headers {
		if name, value, ok := strings.Cut(h, ":"); ok {
			req.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
		}
	}
	start := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return result{err: fmt.Errorf("status %d: %s", resp.StatusCode, bytes.TrimSpace(body))}
	}
	rd := bufio.NewReaderSize(resp.Body, 4096)
	var last time.Time
	done := false
	defer func() {
		if !last.IsZero() {
			open.Add(-1)
		}
	}()
	for !done {
		line, err := rd.ReadSlice('\n')
		if err != nil && !(err == io.EOF && len(line) > 0) {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			r.err = fmt.Errorf("after %d events: %w", r.chunks, err)
			return r
		}
		if !bytes.HasPrefix(line, []byte("data:")) {
			continue
		}
		now := time.Now()
		if last.IsZero() {
			r.ttfb = now.Sub(start)
			if n := open.Add(1); n > openPeak.Load() {
				openPeak.Store(n) // racy max; close enough for a peak
			}
			if opened != nil {
				opened()
			}
		} else {
			r.gaps = append(r.gaps, now.Sub(last))
		}
		last = now
		if bytes.Equal(bytes.TrimSpace(line[5:]), []byte("[DONE]")) {
			done = true
		} else {
			r.chunks++
		}
	}
	if r.chunks < o.minChunks {
		r.err = fmt.Errorf("stream ended after %d chunks, expected at least %d", r.chunks, o.minChunks)
	}
	return r
}

func pct(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return -1
	}
	i := int(p / 100 * float64(len(d)))
	if i >= len(d) {
		i = len(d) - 1
	}
	return float64(d[i].Nanoseconds()) / 1000
}

func main() {
	var o options
	flag.StringVar(&o.url, "url", "", "chat completions URL")
	flag.StringVar(&o.model, "model", "fake-gpt@tokens=100", "model name")
	flag.StringVar(&o.key, "key", "bench-key", "bearer key")
	flag.IntVar(&o.minChunks, "min-chunks", 1, "a stream with fewer data events (before [DONE]) counts as an error")
	flag.Var(&o.headers, "H", "extra request header \"Name: value\" (repeatable)")
	n := flag.Int("n", 32, "concurrent streams")
	hold := flag.Bool("hold", false, "open n streams at once and read each to the end")
	duration := flag.Duration("duration", 10*time.Second, "loop mode: how long to open streams")
	warmup := flag.Duration("warmup", 0, "loop mode: run this long first without recording")
	timeout := flag.Duration("timeout", 0, "bound on the whole run (default: duration + 30s)")
	dialers := flag.Int("dialers", 256, "hold mode: streams being opened at the same time")
	flag.Parse()
	if o.url == "" {
		fmt.Fprintln(os.Stderr, "streamclient: -url is required")
		os.Exit(2)
	}
	if *timeout == 0 {
		*timeout = *warmup + *duration + 30*time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		MaxIdleConnsPerHost: *n,
		MaxIdleConns:        *n,
		DisableCompression:  true,
		IdleConnTimeout:     90 * time.Second,
	}
	client := &http.Client{Transport: tr}

	var mu sync.Mutex
	var ttfbs, gaps []time.Duration
	streams, failed := 0, 0
	collect := func(r result) {
		mu.Lock()
		defer mu.Unlock()
		streams++
		if r.err != nil {
			failed++
			if !errors.Is(r.err, context.DeadlineExceeded) || *hold {
				reportError(r.err)
			}
			return
		}
		ttfbs = append(ttfbs, r.ttfb)
		gaps = append(gaps, r.gaps...)
	}

	var wg sync.WaitGroup
	start := time.Now()
	if *hold {
		sem := make(chan struct{}, *dialers)
		for i := 0; i < *n; i++ {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				released := false
				release := func() {
					if !released {
						released = true
						<-sem
					}
				}
				defer release() // the next stream starts once this one is open or has failed
				collect(stream(ctx, client, o, release))
			}()
		}
		wg.Wait()
	} else {
		recordFrom := start.Add(*warmup)
		end := recordFrom.Add(*duration)
		for i := 0; i < *n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(end) && ctx.Err() == nil {
					began := time.Now()
					r := stream(ctx, client, o, nil)
					if began.After(recordFrom) && time.Now().Before(end) {
						collect(r)
					} else if r.err != nil && ctx.Err() == nil {
						collect(r) // errors count even outside the window
					}
				}
			}()
		}
		wg.Wait()
		start = recordFrom
	}
	elapsed := time.Since(start)
	sort.Slice(ttfbs, func(i, j int) bool { return ttfbs[i] < ttfbs[j] })
	sort.Slice(gaps, func(i, j int) bool { return gaps[i] < gaps[j] })
	mode := "loop"
	if *hold {
		mode = "hold"
	}
	fmt.Printf("STREAMS mode=%s streams=%d completed=%d dropped=%d open_peak=%d duration_us=%d chunks=%d"+
		" ttfb_p50_us=%.1f ttfb_p99_us=%.1f ttfb_p999_us=%.1f chunk_p50_us=%.1f chunk_p99_us=%.1f chunk_p999_us=%.1f\n",
		mode, streams, streams-failed, failed, openPeak.Load(), elapsed.Microseconds(), len(gaps),
		pct(ttfbs, 50), pct(ttfbs, 99), pct(ttfbs, 99.9), pct(gaps, 50), pct(gaps, 99), pct(gaps, 99.9))
}
