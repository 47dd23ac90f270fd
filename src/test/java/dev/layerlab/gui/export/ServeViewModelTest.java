package dev.layerlab.gui.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.layerlab.gui.common.StatusModel;
import dev.layerlab.gui.task.CurrentThreadTaskExecutor;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ServeViewModelTest {
    private final ServeViewModel vm = new ServeViewModel(new CurrentThreadTaskExecutor(), new StatusModel());

    @ParameterizedTest
    @CsvSource({"127.0.0.1,true,''", "localhost,true,''", "::1,true,''", "0.0.0.0,false,Every network interface",
            "192.168.1.20,false,other machines", "my-host.example.org,false,other machines", "300.1.1.1,false,''",
            "'',false,''", "a b,false,''", "1.2.3,false,''"})
    void hostsAreCheckedAsTypedAndNonLoopbackOnesNeedAToken(String host, boolean valid, String problem) {
        vm.hostProperty().set(host);
        assertThat(vm.hostErrorProperty().get().isEmpty()).as(vm.hostErrorProperty().get()).isEqualTo(valid);
        assertThat(vm.hostWarningProperty().get()).isEmpty();
        if (!problem.isEmpty()) {
            assertThat(vm.hostErrorProperty().get()).contains(problem).contains("Set a token");
            vm.tokenProperty().set("s3cret");
            assertThat(vm.hostErrorProperty().get()).isEmpty();
            assertThat(vm.hostWarningProperty().get()).contains("with the token");
        }
    }

    @ParameterizedTest
    @CsvSource({"8080,true", "0,true", "65535,true", "65536,false", "-1,false", "80a,false", "'',false", "123456,false"})
    void portsAreCheckedAsTyped(String port, boolean valid) {
        vm.portProperty().set(port);
        assertThat(ServeViewModel.parsePort(port) != null).isEqualTo(valid);
        if (!valid) {
            assertThat(vm.portErrorProperty().get()).contains("0 to 65535");
        }
        assertThat(vm.canStartProperty().get()).as("no bundle yet").isFalse();
    }

    @Test
    void aPortInUseIsSaidBesideTheField() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            vm.portProperty().set(String.valueOf(busy.getLocalPort()));
            assertThat(vm.portErrorProperty().get()).contains("in use");
        }
    }
}
