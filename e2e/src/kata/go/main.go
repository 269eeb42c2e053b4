// kata-agent-ref: a Go ttrpc 1.1.1 server playing the Kata agent with known values, for katamon's interop
// tests and benchmarks, plus a Go ttrpc client for the same calls (the benchmark's reference).
//
//	kata-agent-ref serve -unix PATH [-hvsock PATH]   prints "READY" once both sockets listen
//	kata-agent-ref bench -unix PATH -n N [-concurrency C] [-id ID]
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/containerd/ttrpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// KnownID is the container the reference agent knows; its values are in knownStats.
const KnownID = "4b1dc0ffee0123456789abcdef0123456789abcdef0123456789abcdef012345"

func entry(major, minor uint64, op string, value uint64) *BlkioStatsEntry {
	return &BlkioStatsEntry{Major: major, Minor: minor, Op: op, Value: value}
}

func knownStats() *StatsContainerResponse {
	return &StatsContainerResponse{CgroupStats: &CgroupStats{
		CpuStats: &CpuStats{
			CpuUsage:       &CpuUsage{TotalUsage: 214098440, PercpuUsage: []uint64{107049220, 107049220}, UsageInKernelmode: 130000000, UsageInUsermode: 10000000},
			ThrottlingData: &ThrottlingData{Periods: 120, ThrottledPeriods: 7, ThrottledTime: 18446744073709551615},
		},
		MemoryStats: &MemoryStats{
			Cache:        827392,
			Usage:        &MemoryData{Usage: 1204224, MaxUsage: 34201600, Failcnt: 0, Limit: 9223372036854771712},
			SwapUsage:    &MemoryData{Usage: 1204224, MaxUsage: 34201600, Failcnt: 0, Limit: 9223372036854771712},
			KernelUsage:  &MemoryData{Usage: 221184, MaxUsage: 421888, Failcnt: 3, Limit: 9223372036854771712},
			UseHierarchy: true,
			Stats: map[string]uint64{
				"cache": 827392, "rss": 4096, "total_cache": 827392, "pgfault": 6765, "pgmajfault": 0,
				"hierarchical_memory_limit": 9223372036854771712, "<odd>&key": 1,
			},
		},
		PidsStats: &PidsStats{Current: 3, Limit: 64},
		BlkioStats: &BlkioStats{
			IoServiceBytesRecursive: []*BlkioStatsEntry{entry(8, 0, "read", 4096), entry(8, 0, "write", 8192), entry(8, 0, "total", 12288)},
			IoServicedRecursive:     []*BlkioStatsEntry{entry(8, 0, "read", 1), entry(8, 0, "write", 2)},
			IoQueuedRecursive:       []*BlkioStatsEntry{entry(8, 0, "total", 5)},
			IoTimeRecursive:         []*BlkioStatsEntry{entry(8, 16, "", 77)},
			SectorsRecursive:        []*BlkioStatsEntry{entry(8, 0, "", 24)},
		},
		HugetlbStats: map[string]*HugetlbStats{"2MB": {Usage: 2097152, MaxUsage: 4194304, Failcnt: 1}, "1GB": {}},
	}}
}

const knownMetrics = `# HELP kata_guest_netdev_stat Guest net devices stats.
# TYPE kata_guest_netdev_stat gauge
kata_guest_netdev_stat{interface="eth0",item="recv_bytes"} 1.2345678e+07
kata_guest_netdev_stat{interface="eth0",item="recv_packets"} 9876
kata_guest_netdev_stat{interface="eth0",item="recv_errs"} 0
kata_guest_netdev_stat{interface="eth0",item="recv_drop"} 2
kata_guest_netdev_stat{interface="eth0",item="recv_fifo"} 9
kata_guest_netdev_stat{interface="eth0",item="sent_bytes"} 654321
kata_guest_netdev_stat{interface="eth0",item="sent_packets"} 4321
kata_guest_netdev_stat{interface="eth0",item="sent_errs"} 1
kata_guest_netdev_stat{interface="eth0",item="sent_drop"} 0
kata_guest_netdev_stat{interface="lo",item="recv_bytes"} 100
kata_guest_netdev_stat{interface="lo",item="recv_packets"} 1
kata_guest_netdev_stat{interface="lo",item="sent_bytes"} 100
kata_guest_netdev_stat{interface="lo",item="sent_packets"} 1
# HELP kata_guest_load Guest system load.
# TYPE kata_guest_load gauge
kata_guest_load{item="load1"} 0.05
kata_agent_scrape_count 3
`

func statsContainer(ctx context.Context, unmarshal func(interface{}) error) (interface{}, error) {
	var req StatsContainerRequest
	if err := unmarshal(&req); err != nil {
		return nil, err
	}
	switch req.ContainerId {
	case KnownID:
		return knownStats(), nil
	case "missing":
		return nil, status.Errorf(codes.InvalidArgument, "invalid container id")
	case "boom":
		return nil, errors.New("cgroup read failed")
	case "slow":
		// The test stops the agent once this request is in: it waits for this line.
		fmt.Println("SLOW")
		<-ctx.Done()
		return nil, ctx.Err()
	case "big":
		big := knownStats()
		big.CgroupStats.MemoryStats.Stats[strings.Repeat("k", 5<<20)] = 1
		return big, nil
	default:
		return &StatsContainerResponse{CgroupStats: &CgroupStats{PidsStats: &PidsStats{Current: 1}}}, nil
	}
}

func serve(unixPath, hvsockPath string) error {
	server, err := ttrpc.NewServer()
	if err != nil {
		return err
	}
	server.Register("grpc.AgentService", map[string]ttrpc.Method{
		"StatsContainer": statsContainer,
		"GetMetrics": func(ctx context.Context, unmarshal func(interface{}) error) (interface{}, error) {
			var req GetMetricsRequest
			if err := unmarshal(&req); err != nil {
				return nil, err
			}
			return &Metrics{Metrics: knownMetrics}, nil
		},
	})
	server.Register("grpc.Health", map[string]ttrpc.Method{
		"Check": func(ctx context.Context, unmarshal func(interface{}) error) (interface{}, error) {
			var req CheckRequest
			if err := unmarshal(&req); err != nil {
				return nil, err
			}
			return &HealthCheckResponse{Status: 1}, nil
		},
		"Version": func(ctx context.Context, unmarshal func(interface{}) error) (interface{}, error) {
			return &VersionCheckResponse{GrpcVersion: "ttrpc-1.1.1", AgentVersion: "0.0.1"}, nil
		},
	})
	l, err := net.Listen("unix", unixPath)
	if err != nil {
		return err
	}
	errs := make(chan error, 2)
	go func() { errs <- server.Serve(context.Background(), l) }()
	if hvsockPath != "" {
		hl, err := net.Listen("unix", hvsockPath)
		if err != nil {
			return err
		}
		go func() { errs <- server.Serve(context.Background(), &hybridListener{hl}) }()
	}
	fmt.Println("READY")
	return <-errs
}

// hybridListener answers Firecracker's `CONNECT <port>\n` with `OK <n>\n` before handing the
// connection to ttrpc; bytes read past the line stay available through bufferedConn.
type hybridListener struct{ net.Listener }

type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (h *hybridListener) Accept() (net.Conn, error) {
	for {
		conn, err := h.Listener.Accept()
		if err != nil {
			return nil, err
		}
		r := bufio.NewReader(conn)
		line, err := r.ReadString('\n')
		if err != nil || line != "CONNECT 1024\n" {
			conn.Close() // nobody listens on that guest port
			continue
		}
		if _, err := conn.Write([]byte("OK 1073741824\n")); err != nil {
			conn.Close()
			continue
		}
		return &bufferedConn{conn, r}, nil
	}
}

func bench(unixPath string, n, concurrency int, id string) error {
	conn, err := net.Dial("unix", unixPath)
	if err != nil {
		return err
	}
	client := ttrpc.NewClient(conn)
	defer client.Close()
	call := func() error {
		var resp StatsContainerResponse
		return client.Call(context.Background(), "grpc.AgentService", "StatsContainer", &StatsContainerRequest{ContainerId: id}, &resp)
	}
	for i := 0; i < 200; i++ { // warm-up
		if err := call(); err != nil {
			return err
		}
	}
	cpu0 := cpuNs()
	start := time.Now()
	if concurrency <= 1 {
		for i := 0; i < n; i++ {
			if err := call(); err != nil {
				return err
			}
		}
	} else {
		var wg sync.WaitGroup
		errs := make(chan error, concurrency)
		for w := 0; w < concurrency; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := call(); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		if err := <-errs; err != nil {
			return err
		}
		n = concurrency
	}
	elapsed := time.Since(start)
	fmt.Printf("{\"calls\":%d,\"totalNs\":%d,\"cpuNs\":%d}\n", n, elapsed.Nanoseconds(), cpuNs()-cpu0)
	return nil
}

// cpuNs is the CPU time (user + system) this process has used: the client's own cost, whatever the load.
func cpuNs() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kata-agent-ref serve|bench ...")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	unixPath := fs.String("unix", "", "ttrpc unix socket")
	hvsockPath := fs.String("hvsock", "", "hybrid-vsock unix socket (serve)")
	n := fs.Int("n", 10000, "calls (bench)")
	concurrency := fs.Int("concurrency", 1, "concurrent calls (bench)")
	id := fs.String("id", KnownID, "container id (bench)")
	_ = fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "serve":
		err = serve(*unixPath, *hvsockPath)
	case "bench":
		err = bench(*unixPath, *n, *concurrency, *id)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
