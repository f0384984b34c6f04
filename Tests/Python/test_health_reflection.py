"""grpcio's health and reflection clients (grpcio-health-checking, grpcio-reflection) against our
servers: Check, List and Watch (NOT_SERVING on SIGTERM, and the server still exits within its
grace), and reflection whose descriptors Python builds message classes from and calls with."""
import signal

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

SERVING = health_pb2.HealthCheckResponse.SERVING
NOT_SERVING = health_pb2.HealthCheckResponse.NOT_SERVING
SERVICE_UNKNOWN = health_pb2.HealthCheckResponse.SERVICE_UNKNOWN
NOT_FOUND = grpc.StatusCode.NOT_FOUND.value[0]
STANDARD = ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"]
SERVERS = {
    "greeter-server": ["helloworld.Greeter"],
    "user-server": ["user.UserService"],
    "interop-server": ["grpc.testing.TestService"],
}


def check(channel, service):
    return health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=10).status


def reflect(channel, *requests):
    """Every request on one v1alpha stream, with grpcio-reflection's own messages."""
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    return list(stub.ServerReflectionInfo(iter(requests), timeout=10))


def file_names(response):
    names = []
    for data in response.file_descriptor_response.file_descriptor_proto:
        names.append(descriptor_pb2.FileDescriptorProto.FromString(data).name)
    return names


# Health

@pytest.mark.parametrize("name", sorted(SERVERS))
def test_check_and_list_report_every_service_serving(swift_server, name):
    server = swift_server(name)
    with grpc.insecure_channel(server.target) as channel:
        hosted = SERVERS[name] + STANDARD
        for service in [""] + hosted:
            assert check(channel, service) == SERVING, service
        with pytest.raises(grpc.RpcError) as unknown:
            check(channel, "no.such.Service")
        assert unknown.value.code() == grpc.StatusCode.NOT_FOUND
        listed = health_pb2_grpc.HealthStub(channel).List(health_pb2.HealthListRequest(), timeout=10)
        assert {service: response.status for service, response in listed.statuses.items()} == \
            {service: SERVING for service in [""] + hosted}


def test_watch_sees_not_serving_on_sigterm_and_the_server_exits_within_its_grace(swift_server):
    # A grace of a minute: had the open Watch streams held the shutdown, the server would
    # outlive the wait below.
    server = swift_server("greeter-server", "--shutdown_grace_ms", "60000")
    with grpc.insecure_channel(server.target) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        watches = {service: stub.Watch(health_pb2.HealthCheckRequest(service=service), timeout=60)
                   for service in ["", "helloworld.Greeter", "not.known.Service"]}
        first = {service: next(watch).status for service, watch in watches.items()}
        assert first == {"": SERVING, "helloworld.Greeter": SERVING, "not.known.Service": SERVICE_UNKNOWN}
        # The unknown service stays watched: the stream is still open.
        assert watches["not.known.Service"].running()

        server.process.send_signal(signal.SIGTERM)
        for service, watch in watches.items():
            assert [response.status for response in watch] == [NOT_SERVING], service
            assert watch.code() == grpc.StatusCode.OK
        assert server.process.wait(timeout=30) == 0


def test_health_false_leaves_the_service_out(swift_server):
    server = swift_server("greeter-server", "--health", "false")
    with grpc.insecure_channel(server.target) as channel:
        with pytest.raises(grpc.RpcError) as missing:
            check(channel, "")
        assert missing.value.code() == grpc.StatusCode.UNIMPLEMENTED
        listed = ProtoReflectionDescriptorDatabase(channel).get_services()
        assert sorted(listed) == sorted(["helloworld.Greeter"] + STANDARD[1:])


# Reflection

@pytest.mark.parametrize("name", sorted(SERVERS))
def test_every_listed_service_can_be_described(swift_server, name):
    server = swift_server(name)
    with grpc.insecure_channel(server.target) as channel:
        database = ProtoReflectionDescriptorDatabase(channel)
        pool = descriptor_pool.DescriptorPool(database)
        listed = list(database.get_services())
        assert sorted(listed) == sorted(SERVERS[name] + STANDARD)
        for service_name in listed:
            service = pool.FindServiceByName(service_name)
            assert service.methods, service_name
            for method in service.methods:
                for message in [method.input_type, method.output_type]:
                    assert message_factory.GetMessageClass(message).DESCRIPTOR.full_name == message.full_name
        with pytest.raises(KeyError):
            pool.FindMessageTypeByName("no.such.Message")


def test_greeter_called_with_messages_built_from_reflection(swift_server):
    server = swift_server("greeter-server")
    with grpc.insecure_channel(server.target) as channel:
        pool = descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(channel))
        method = pool.FindMethodByName("helloworld.Greeter.SayHello")
        request_class = message_factory.GetMessageClass(method.input_type)
        reply_class = message_factory.GetMessageClass(method.output_type)
        say_hello = channel.unary_unary("/helloworld.Greeter/SayHello", request_serializer=request_class.SerializeToString,
                                        response_deserializer=reply_class.FromString)
        assert say_hello(request_class(name="reflection"), timeout=10).message == "Hello, reflection!"


def test_user_service_called_with_messages_built_from_reflection(swift_server):
    server = swift_server("user-server")
    with grpc.insecure_channel(server.target) as channel:
        pool = descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(channel))

        def method(name):
            descriptor = pool.FindMethodByName(f"user.UserService.{name}")
            request_class = message_factory.GetMessageClass(descriptor.input_type)
            reply_class = message_factory.GetMessageClass(descriptor.output_type)
            call = channel.unary_unary(f"/user.UserService/{name}", request_serializer=request_class.SerializeToString,
                                       response_deserializer=reply_class.FromString)
            return request_class, call

        create_request, create = method("CreateUser")
        get_request, get = method("GetUser")
        created = create(create_request(name="Ada", email="ada@example.com", age=36), timeout=10)
        assert created.id > 0
        assert get(get_request(id=created.id), timeout=10).email == "ada@example.com"


def test_interop_service_with_imports_called_from_reflection(swift_server):
    server = swift_server("interop-server")
    with grpc.insecure_channel(server.target) as channel:
        # The service's file comes with its imports, each once.
        [answer] = reflect(channel, reflection_pb2.ServerReflectionRequest(file_containing_symbol="grpc.testing.TestService"))
        names = file_names(answer)
        assert names[0] == "grpc/testing/test.proto"
        assert sorted(names) == ["grpc/testing/empty.proto", "grpc/testing/messages.proto", "grpc/testing/test.proto"]

        pool = descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(channel))
        method = pool.FindMethodByName("grpc.testing.TestService.UnaryCall")
        request_class = message_factory.GetMessageClass(method.input_type)
        reply_class = message_factory.GetMessageClass(method.output_type)
        unary_call = channel.unary_unary("/grpc.testing.TestService/UnaryCall", request_serializer=request_class.SerializeToString,
                                         response_deserializer=reply_class.FromString)
        request = request_class(response_size=64)
        request.payload.body = b"\x00" * 16
        reply = unary_call(request, timeout=10)
        assert len(reply.payload.body) == 64


def test_v1alpha_questions_and_not_found(swift_server):
    server = swift_server("greeter-server")
    with grpc.insecure_channel(server.target) as channel:
        Request = reflection_pb2.ServerReflectionRequest
        answers = reflect(
            channel,
            Request(list_services=""),
            Request(file_by_filename="helloworld.proto"),
            Request(file_containing_symbol="helloworld.HelloRequest.name"),
            Request(all_extension_numbers_of_type="helloworld.HelloRequest"),
            Request(file_by_filename="google/protobuf/any.proto"),
            Request(file_by_filename="no/such.proto"),
            Request(file_containing_symbol="no.such.Symbol"),
            Request(file_containing_extension=reflection_pb2.ExtensionRequest(containing_type="helloworld.HelloRequest",
                                                                             extension_number=100)),
            Request(all_extension_numbers_of_type="no.such.Type"),
        )
        assert len(answers) == 9
        assert sorted(s.name for s in answers[0].list_services_response.service) == sorted(["helloworld.Greeter"] + STANDARD)
        assert file_names(answers[1]) == ["helloworld.proto"]
        assert file_names(answers[2]) == ["helloworld.proto"]
        assert answers[3].all_extension_numbers_response.base_type_name == "helloworld.HelloRequest"
        assert list(answers[3].all_extension_numbers_response.extension_number) == []
        assert file_names(answers[4]) == ["google/protobuf/any.proto"]
        for answer in answers[5:]:
            assert answer.WhichOneof("message_response") == "error_response"
            assert answer.error_response.error_code == NOT_FOUND
            assert answer.error_response.error_message
        assert answers[6].original_request.file_containing_symbol == "no.such.Symbol"


def test_v1_with_messages_built_from_its_own_reflection(swift_server):
    server = swift_server("greeter-server")
    with grpc.insecure_channel(server.target) as channel:
        pool = descriptor_pool.DescriptorPool(ProtoReflectionDescriptorDatabase(channel))
        method = pool.FindMethodByName("grpc.reflection.v1.ServerReflection.ServerReflectionInfo")
        assert method.client_streaming and method.server_streaming
        # Our v1 messages are grpc's: every field as grpcio-reflection's v1alpha declares it.
        ours = pool.FindFileByName("grpc/reflection/v1/reflection.proto")
        assert ours.package == "grpc.reflection.v1"
        def shape(message):
            return [(f.name, f.number, f.type, f.is_repeated, f.containing_oneof and f.containing_oneof.name,
                     f.message_type and f.message_type.name) for f in message.fields]

        assert sorted(ours.message_types_by_name) == sorted(reflection_pb2.DESCRIPTOR.message_types_by_name)
        for name, theirs in reflection_pb2.DESCRIPTOR.message_types_by_name.items():
            assert shape(ours.message_types_by_name[name]) == shape(theirs), name

        request_class = message_factory.GetMessageClass(method.input_type)
        response_class = message_factory.GetMessageClass(method.output_type)
        info = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                                     request_serializer=request_class.SerializeToString,
                                     response_deserializer=response_class.FromString)
        answers = list(info(iter([request_class(list_services=""), request_class(file_containing_symbol="helloworld.Greeter"),
                                  request_class(file_containing_symbol="no.such.Service")]), timeout=10))
        assert sorted(s.name for s in answers[0].list_services_response.service) == sorted(["helloworld.Greeter"] + STANDARD)
        assert file_names(answers[1]) == ["helloworld.proto"]
        assert answers[2].error_response.error_code == NOT_FOUND


def test_reflection_false_makes_it_unimplemented(swift_server):
    server = swift_server("greeter-server", "--reflection", "false")
    with grpc.insecure_channel(server.target) as channel:
        with pytest.raises(grpc.RpcError) as alpha:
            reflect(channel, reflection_pb2.ServerReflectionRequest(list_services=""))
        assert alpha.value.code() == grpc.StatusCode.UNIMPLEMENTED
        v1 = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo")
        with pytest.raises(grpc.RpcError) as v1_error:
            list(v1(iter([b"\x3a\x00"]), timeout=10))
        assert v1_error.value.code() == grpc.StatusCode.UNIMPLEMENTED
        assert check(channel, "helloworld.Greeter") == SERVING
