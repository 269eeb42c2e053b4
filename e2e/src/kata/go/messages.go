package main

// The agent messages katamon reads (kata-agent-protocol §2.2-2.4), as plain structs with gogo protobuf
// tags: ttrpc 1.1.1 marshals any proto.Message by reflection, so no protoc is needed.

type CpuUsage struct {
	TotalUsage        uint64   `protobuf:"varint,1,opt,name=total_usage,proto3"`
	PercpuUsage       []uint64 `protobuf:"varint,2,rep,packed,name=percpu_usage,proto3"`
	UsageInKernelmode uint64   `protobuf:"varint,3,opt,name=usage_in_kernelmode,proto3"`
	UsageInUsermode   uint64   `protobuf:"varint,4,opt,name=usage_in_usermode,proto3"`
}

type ThrottlingData struct {
	Periods          uint64 `protobuf:"varint,1,opt,name=periods,proto3"`
	ThrottledPeriods uint64 `protobuf:"varint,2,opt,name=throttled_periods,proto3"`
	ThrottledTime    uint64 `protobuf:"varint,3,opt,name=throttled_time,proto3"`
}

type CpuStats struct {
	CpuUsage       *CpuUsage       `protobuf:"bytes,1,opt,name=cpu_usage,proto3"`
	ThrottlingData *ThrottlingData `protobuf:"bytes,2,opt,name=throttling_data,proto3"`
}

type PidsStats struct {
	Current uint64 `protobuf:"varint,1,opt,name=current,proto3"`
	Limit   uint64 `protobuf:"varint,2,opt,name=limit,proto3"`
}

type MemoryData struct {
	Usage    uint64 `protobuf:"varint,1,opt,name=usage,proto3"`
	MaxUsage uint64 `protobuf:"varint,2,opt,name=max_usage,proto3"`
	Failcnt  uint64 `protobuf:"varint,3,opt,name=failcnt,proto3"`
	Limit    uint64 `protobuf:"varint,4,opt,name=limit,proto3"`
}

type MemoryStats struct {
	Cache        uint64            `protobuf:"varint,1,opt,name=cache,proto3"`
	Usage        *MemoryData       `protobuf:"bytes,2,opt,name=usage,proto3"`
	SwapUsage    *MemoryData       `protobuf:"bytes,3,opt,name=swap_usage,proto3"`
	KernelUsage  *MemoryData       `protobuf:"bytes,4,opt,name=kernel_usage,proto3"`
	UseHierarchy bool              `protobuf:"varint,5,opt,name=use_hierarchy,proto3"`
	Stats        map[string]uint64 `protobuf:"bytes,6,rep,name=stats,proto3" protobuf_key:"bytes,1,opt,name=key,proto3" protobuf_val:"varint,2,opt,name=value,proto3"`
}

type BlkioStatsEntry struct {
	Major uint64 `protobuf:"varint,1,opt,name=major,proto3"`
	Minor uint64 `protobuf:"varint,2,opt,name=minor,proto3"`
	Op    string `protobuf:"bytes,3,opt,name=op,proto3"`
	Value uint64 `protobuf:"varint,4,opt,name=value,proto3"`
}

type BlkioStats struct {
	IoServiceBytesRecursive []*BlkioStatsEntry `protobuf:"bytes,1,rep,name=io_service_bytes_recursive,proto3"`
	IoServicedRecursive     []*BlkioStatsEntry `protobuf:"bytes,2,rep,name=io_serviced_recursive,proto3"`
	IoQueuedRecursive       []*BlkioStatsEntry `protobuf:"bytes,3,rep,name=io_queued_recursive,proto3"`
	IoServiceTimeRecursive  []*BlkioStatsEntry `protobuf:"bytes,4,rep,name=io_service_time_recursive,proto3"`
	IoWaitTimeRecursive     []*BlkioStatsEntry `protobuf:"bytes,5,rep,name=io_wait_time_recursive,proto3"`
	IoMergedRecursive       []*BlkioStatsEntry `protobuf:"bytes,6,rep,name=io_merged_recursive,proto3"`
	IoTimeRecursive         []*BlkioStatsEntry `protobuf:"bytes,7,rep,name=io_time_recursive,proto3"`
	SectorsRecursive        []*BlkioStatsEntry `protobuf:"bytes,8,rep,name=sectors_recursive,proto3"`
}

type HugetlbStats struct {
	Usage    uint64 `protobuf:"varint,1,opt,name=usage,proto3"`
	MaxUsage uint64 `protobuf:"varint,2,opt,name=max_usage,proto3"`
	Failcnt  uint64 `protobuf:"varint,3,opt,name=failcnt,proto3"`
}

type CgroupStats struct {
	CpuStats     *CpuStats                `protobuf:"bytes,1,opt,name=cpu_stats,proto3"`
	MemoryStats  *MemoryStats             `protobuf:"bytes,2,opt,name=memory_stats,proto3"`
	PidsStats    *PidsStats               `protobuf:"bytes,3,opt,name=pids_stats,proto3"`
	BlkioStats   *BlkioStats              `protobuf:"bytes,4,opt,name=blkio_stats,proto3"`
	HugetlbStats map[string]*HugetlbStats `protobuf:"bytes,5,rep,name=hugetlb_stats,proto3" protobuf_key:"bytes,1,opt,name=key,proto3" protobuf_val:"bytes,2,opt,name=value,proto3"`
}

type NetworkStats struct {
	Name      string `protobuf:"bytes,1,opt,name=name,proto3"`
	RxBytes   uint64 `protobuf:"varint,2,opt,name=rx_bytes,proto3"`
	RxPackets uint64 `protobuf:"varint,3,opt,name=rx_packets,proto3"`
	RxErrors  uint64 `protobuf:"varint,4,opt,name=rx_errors,proto3"`
	RxDropped uint64 `protobuf:"varint,5,opt,name=rx_dropped,proto3"`
	TxBytes   uint64 `protobuf:"varint,6,opt,name=tx_bytes,proto3"`
	TxPackets uint64 `protobuf:"varint,7,opt,name=tx_packets,proto3"`
	TxErrors  uint64 `protobuf:"varint,8,opt,name=tx_errors,proto3"`
	TxDropped uint64 `protobuf:"varint,9,opt,name=tx_dropped,proto3"`
}

type StatsContainerRequest struct {
	ContainerId string `protobuf:"bytes,1,opt,name=container_id,proto3"`
}

type StatsContainerResponse struct {
	CgroupStats  *CgroupStats    `protobuf:"bytes,1,opt,name=cgroup_stats,proto3"`
	NetworkStats []*NetworkStats `protobuf:"bytes,2,rep,name=network_stats,proto3"`
}

type GetMetricsRequest struct{}

type Metrics struct {
	Metrics string `protobuf:"bytes,1,opt,name=metrics,proto3"`
}

type CheckRequest struct {
	Service string `protobuf:"bytes,1,opt,name=service,proto3"`
}

type HealthCheckResponse struct {
	Status int32 `protobuf:"varint,1,opt,name=status,proto3"`
}

type VersionCheckResponse struct {
	GrpcVersion  string `protobuf:"bytes,1,opt,name=grpc_version,proto3"`
	AgentVersion string `protobuf:"bytes,2,opt,name=agent_version,proto3"`
}

func (m *CpuUsage) Reset()               { *m = CpuUsage{} }
func (m *CpuUsage) String() string       { return "CpuUsage" }
func (*CpuUsage) ProtoMessage()          {}
func (m *ThrottlingData) Reset()         { *m = ThrottlingData{} }
func (m *ThrottlingData) String() string { return "ThrottlingData" }
func (*ThrottlingData) ProtoMessage()    {}
func (m *CpuStats) Reset()               { *m = CpuStats{} }
func (m *CpuStats) String() string       { return "CpuStats" }
func (*CpuStats) ProtoMessage()          {}
func (m *PidsStats) Reset()              { *m = PidsStats{} }
func (m *PidsStats) String() string      { return "PidsStats" }
func (*PidsStats) ProtoMessage()         {}
func (m *MemoryData) Reset()             { *m = MemoryData{} }
func (m *MemoryData) String() string     { return "MemoryData" }
func (*MemoryData) ProtoMessage()        {}
func (m *MemoryStats) Reset()            { *m = MemoryStats{} }
func (m *MemoryStats) String() string    { return "MemoryStats" }
func (*MemoryStats) ProtoMessage()       {}
func (m *BlkioStatsEntry) Reset()        { *m = BlkioStatsEntry{} }
func (m *BlkioStatsEntry) String() string {
	return "BlkioStatsEntry"
}
func (*BlkioStatsEntry) ProtoMessage()          {}
func (m *BlkioStats) Reset()                    { *m = BlkioStats{} }
func (m *BlkioStats) String() string            { return "BlkioStats" }
func (*BlkioStats) ProtoMessage()               {}
func (m *HugetlbStats) Reset()                  { *m = HugetlbStats{} }
func (m *HugetlbStats) String() string          { return "HugetlbStats" }
func (*HugetlbStats) ProtoMessage()             {}
func (m *CgroupStats) Reset()                   { *m = CgroupStats{} }
func (m *CgroupStats) String() string           { return "CgroupStats" }
func (*CgroupStats) ProtoMessage()              {}
func (m *NetworkStats) Reset()                  { *m = NetworkStats{} }
func (m *NetworkStats) String() string          { return "NetworkStats" }
func (*NetworkStats) ProtoMessage()             {}
func (m *StatsContainerRequest) Reset()         { *m = StatsContainerRequest{} }
func (m *StatsContainerRequest) String() string { return "StatsContainerRequest" }
func (*StatsContainerRequest) ProtoMessage()    {}
func (m *StatsContainerResponse) Reset()        { *m = StatsContainerResponse{} }
func (m *StatsContainerResponse) String() string {
	return "StatsContainerResponse"
}
func (*StatsContainerResponse) ProtoMessage()      {}
func (m *GetMetricsRequest) Reset()                { *m = GetMetricsRequest{} }
func (m *GetMetricsRequest) String() string        { return "GetMetricsRequest" }
func (*GetMetricsRequest) ProtoMessage()           {}
func (m *Metrics) Reset()                          { *m = Metrics{} }
func (m *Metrics) String() string                  { return "Metrics" }
func (*Metrics) ProtoMessage()                     {}
func (m *CheckRequest) Reset()                     { *m = CheckRequest{} }
func (m *CheckRequest) String() string             { return "CheckRequest" }
func (*CheckRequest) ProtoMessage()                {}
func (m *HealthCheckResponse) Reset()              { *m = HealthCheckResponse{} }
func (m *HealthCheckResponse) String() string      { return "HealthCheckResponse" }
func (*HealthCheckResponse) ProtoMessage()         {}
func (m *VersionCheckResponse) Reset()             { *m = VersionCheckResponse{} }
func (m *VersionCheckResponse) String() string     { return "VersionCheckResponse" }
func (*VersionCheckResponse) ProtoMessage()        {}
